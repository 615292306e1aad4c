package io.vocalhost.assistant.telephony;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param twilio the Twilio account; without credentials the local pool is used
 * @param localPool simulated numbers for running without Twilio
 */
@ConfigurationProperties("vocalhost.telephony")
public record TelephonyProperties(@DefaultValue Twilio twilio, @DefaultValue List<String> localPool) {

	/**
	 * @param apiBase empty for Twilio itself; a base URL sends the SDK's requests there
	 * (tests)
	 */
	public record Twilio(@DefaultValue("") String accountSid, @DefaultValue("") String authToken,
			@DefaultValue("US") String country, @DefaultValue("") String apiBase) {

		boolean configured() {
			return !this.accountSid.isBlank() && !this.authToken.isBlank();
		}

	}

}
