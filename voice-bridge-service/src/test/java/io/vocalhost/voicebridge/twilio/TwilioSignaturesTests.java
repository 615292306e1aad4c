package io.vocalhost.voicebridge.twilio;

import java.util.Map;

import com.twilio.security.RequestValidator;
import io.vocalhost.callsim.TwilioSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignaturesTests {

	private static final String TOKEN = "12345";

	private static final Map<String, String> FORM = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310",
			"Digits", "1234", "From", "+14158675310", "To", "+18005551212");

	@Test
	void acceptsTwiliosPublishedExample() {
		TwilioSignatures signatures = new TwilioSignatures(TOKEN, "https://mycompany.com");
		assertThat(signatures.isValid("/myapp.php?foo=1&bar=2", FORM, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isTrue();
	}

	@Test
	void theTestSignerAgreesWithTheSdkValidator() {
		String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
		assertThat(sign(url)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
		assertThat(new RequestValidator(TOKEN).validate(url, FORM, sign(url))).isTrue();
	}

	@Test
	void validatesOnThePublicUrlNotTheOneTheBridgeSees() {
		String signature = sign("https://voice.example.com/voice/voice?attempt=1");
		TwilioSignatures behindProxy = new TwilioSignatures(TOKEN, "https://voice.example.com/");
		assertThat(behindProxy.isValid("/voice/voice?attempt=1", FORM, signature)).isTrue();
		TwilioSignatures plainHttp = new TwilioSignatures(TOKEN, "http://voice.example.com");
		assertThat(plainHttp.isValid("/voice/voice?attempt=1", FORM, signature)).isFalse();
	}

	@Test
	void refusesMissingWrongOrTamperedSignatures() {
		TwilioSignatures signatures = new TwilioSignatures(TOKEN, "https://voice.example.com");
		String signature = sign("https://voice.example.com/voice/voice");
		assertThat(signatures.isValid("/voice/voice", FORM, null)).isFalse();
		assertThat(signatures.isValid("/voice/voice", FORM, "")).isFalse();
		assertThat(signatures.isValid("/voice/voice", FORM, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isFalse();
		assertThat(signatures.isValid("/voice/voice?x=1", FORM, signature)).isFalse();
		assertThat(new TwilioSignatures("other", "https://voice.example.com").isValid("/voice/voice", FORM, signature))
			.isFalse();
	}

	private static String sign(String url) {
		return new TwilioSigner(TOKEN).sign(url, FORM);
	}

}
