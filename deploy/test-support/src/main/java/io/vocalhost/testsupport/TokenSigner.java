package io.vocalhost.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs access tokens with one RSA key, written with the JDK's crypto only so that it can
 * also forge the bad tokens a service must refuse. {@link TestTokens#testSigner()} signs
 * with the test key the services trust in tests; auth-service's tests sign with its own
 * key, so that its claim checks are the ones under test.
 *
 * @param privateKey signs RS256 tokens
 * @param publicKey the secret of the HS256 algorithm-confusion forgery
 * @param keyId the {@code kid} of the standard header
 */
public record TokenSigner(PrivateKey privateKey, PublicKey publicKey, String keyId) {

	private static final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

	/** A valid access token of a signed-in user. */
	public String forUser(long userId) {
		return sign(header(), TestTokens.claims(userId));
	}

	/** The standard header: RS256 with this signer's key id. */
	public Map<String, Object> header() {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", "RS256");
		header.put("typ", "JWT");
		header.put("kid", this.keyId);
		return header;
	}

	/** Signs with this key (RS256), whatever the header says. */
	public String sign(Map<String, Object> header, Map<String, Object> claims) {
		String signingInput = TestTokens.encode(header) + "." + TestTokens.encode(claims);
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.privateKey);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + base64.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Tokens every service and the gateway must refuse, each validly signed with this key
	 * unless its flaw is the signature: expired beyond the skew, another issuer, another
	 * audience, an unknown key id, a key set named in the header ({@code jku} and
	 * {@code x5u}, which must never be fetched), {@code alg=none}, HS256 signed with the
	 * public key, a payload swapped under a valid signature, and garbage.
	 * @param valid a valid token of the service under test, to tamper with
	 * @param foreignKeySetUrl where the {@code jku} header points
	 */
	public List<String> mustBeRefused(String valid, String foreignKeySetUrl) {
		Map<String, Object> expired = TestTokens.claims(1);
		expired.put("exp", Instant.now().minusSeconds(120).getEpochSecond());
		Map<String, Object> wrongIssuer = TestTokens.claims(1);
		wrongIssuer.put("iss", "someone-else");
		Map<String, Object> wrongAudience = TestTokens.claims(1);
		wrongAudience.put("aud", List.of("another-api"));
		Map<String, Object> unknownKey = header();
		unknownKey.put("kid", "no-such-key");
		Map<String, Object> foreignKeySet = header();
		foreignKeySet.put("kid", TestTokens.FOREIGN_KEY_ID);
		foreignKeySet.put("jku", foreignKeySetUrl);
		foreignKeySet.put("x5u", foreignKeySetUrl);
		String tampered = valid.substring(0, valid.indexOf('.') + 1) + forUser(2).split("\\.")[1]
				+ valid.substring(valid.lastIndexOf('.'));
		return List.of(sign(header(), expired), sign(header(), wrongIssuer), sign(header(), wrongAudience),
				sign(unknownKey, TestTokens.claims(1)), sign(foreignKeySet, TestTokens.claims(1)),
				TestTokens.unsigned(TestTokens.claims(1)), signHmacWithPublicKey(TestTokens.claims(1)), tampered,
				"not-a-jwt");
	}

	/**
	 * HS256 with the public key's encoding as the secret: the classic algorithm confusion
	 * attack.
	 */
	private String signHmacWithPublicKey(Map<String, Object> claims) {
		Map<String, Object> header = header();
		header.put("alg", "HS256");
		String signingInput = TestTokens.encode(header) + "." + TestTokens.encode(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.publicKey.getEncoded(), "HmacSHA256"));
			return signingInput + "."
					+ base64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
