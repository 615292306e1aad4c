package io.vocalhost.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens for a service's own tests, signed by a test key whose JWKS is served on a
 * local port (set as {@code vocalhost.security.jwks-uri} by
 * {@link RealInfrastructureInitializer}). Written with the JDK's crypto only, independent
 * of the code under test, so it can also forge the bad tokens a service must refuse.
 * End-to-end tests use the real auth-service instead.
 */
public final class TestTokens {

	public static final String ISSUER = "vocalhost-auth";

	public static final String AUDIENCE = "vocalhost-api";

	public static final String KEY_ID = "test-key-1";

	static final String FOREIGN_KEY_ID = "foreign";

	private static final AtomicInteger foreignKeySetFetches = new AtomicInteger();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

	private static KeyPair keys;

	private static HttpServer jwksServer;

	private TestTokens() {
	}

	public static synchronized String jwksUri() {
		if (jwksServer == null) {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				server.createContext("/jwks.json", (exchange) -> {
					byte[] body = json.writeValueAsBytes(Map.of("keys", List.of(publicJwk(KEY_ID))));
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				});
				server.createContext("/foreign/jwks.json", (exchange) -> {
					foreignKeySetFetches.incrementAndGet();
					byte[] body = json.writeValueAsBytes(Map.of("keys", List.of(publicJwk(FOREIGN_KEY_ID))));
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, body.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				});
				server.start();
				jwksServer = server;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json";
	}

	/** The signer of the test key that {@link #jwksUri()} publishes. */
	public static TokenSigner testSigner() {
		return new TokenSigner(keys().getPrivate(), keys().getPublic(), KEY_ID);
	}

	/**
	 * A key set a forged token names in its {@code jku} and {@code x5u} headers, serving
	 * the test key under the forged token's key id: a decoder that fetched it would
	 * accept the forgery. Every fetch is counted ({@link #foreignKeySetFetches()}).
	 */
	public static String foreignKeySetUri() {
		return jwksUri().replace("/jwks.json", "/foreign/jwks.json");
	}

	/** How often anyone fetched {@link #foreignKeySetUri()} in this JVM. */
	public static int foreignKeySetFetches() {
		return foreignKeySetFetches.get();
	}

	/** A valid access token of a signed-in user. */
	public static String forUser(long userId) {
		return testSigner().forUser(userId);
	}

	/**
	 * The tokens {@link TokenSigner#mustBeRefused} lists, signed with the test key.
	 * @param valid a valid token of the service under test, to tamper with
	 * @param foreignKeySetUrl where the {@code jku} header points
	 */
	public static List<String> mustBeRefused(String valid, String foreignKeySetUrl) {
		return testSigner().mustBeRefused(valid, foreignKeySetUrl);
	}

	/** The standard header: RS256 with the test key id. */
	public static Map<String, Object> header() {
		return testSigner().header();
	}

	/** The standard claims of a user's access token, valid for five minutes. */
	public static Map<String, Object> claims(long userId) {
		Instant now = Instant.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ISSUER);
		claims.put("aud", List.of(AUDIENCE));
		claims.put("sub", String.valueOf(userId));
		claims.put("sid", UUID.randomUUID().toString());
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
		return claims;
	}

	/** Signs with the test RSA key (RS256), whatever the header says. */
	public static String sign(Map<String, Object> header, Map<String, Object> claims) {
		return testSigner().sign(header, claims);
	}

	/** {@code alg=none}: no signature at all. */
	static String unsigned(Map<String, Object> claims) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", "none");
		return encode(header) + "." + encode(claims) + ".";
	}

	private static Map<String, Object> publicJwk(String keyId) {
		RSAPublicKey key = (RSAPublicKey) keys().getPublic();
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "RSA");
		jwk.put("kid", keyId);
		jwk.put("use", "sig");
		jwk.put("alg", "RS256");
		jwk.put("n", base64.encodeToString(unsigned(key.getModulus())));
		jwk.put("e", base64.encodeToString(unsigned(key.getPublicExponent())));
		return jwk;
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return (bytes.length > 1 && bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

	static String encode(Map<String, Object> part) {
		return base64.encodeToString(json.writeValueAsBytes(part));
	}

	private static synchronized KeyPair keys() {
		if (keys == null) {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				keys = generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return keys;
	}

}
