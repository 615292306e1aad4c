package io.vocalhost.callsim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests as Twilio does (the SDK keeps its signer private): base64 HMAC-SHA1 of
 * the URL followed by each form parameter's name and value in name order, keyed by the
 * auth token. The simulator and the bridge's tests sign with it; voice-bridge-service's
 * {@code TwilioSignaturesTests} checks it against the SDK's validator.
 */
public final class TwilioSigner {

	private final String authToken;

	public TwilioSigner(String authToken) {
		this.authToken = authToken;
	}

	public String sign(String url, Map<String, String> form) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(this.authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
