package io.vocalhost.common.security;

import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vocalhost.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class VerifiedAccessTokensTests {

	private final RevokedSessions revokedSessions = new RevokedSessions(Clock.systemUTC());

	private final AtomicInteger signatureChecks = new AtomicInteger();

	private final VerifiedAccessTokens verified = new VerifiedAccessTokens(
			new SecurityProperties(URI.create(TestTokens.jwksUri()), TestTokens.ISSUER, TestTokens.AUDIENCE,
					Duration.ZERO, List.of(), Duration.ofMinutes(15)),
			this.revokedSessions, Clock.systemUTC());

	private final JwtDecoder decoder = this.verified.decoder(countingSignatureCheck());

	@Test
	void checksTheSignatureOncePerTokenAndTheClaimsOnEveryRequest() {
		Map<String, Object> claims = TestTokens.claims(7);
		String token = TestTokens.sign(TestTokens.header(), claims);

		assertThat(this.decoder.decode(token).getSubject()).isEqualTo("7");
		assertThat(this.decoder.decode(token).getClaimAsString("iss")).isEqualTo(TestTokens.ISSUER);
		assertThat(this.signatureChecks).hasValue(1);

		this.revokedSessions.revoke(UUID.fromString((String) claims.get("sid")), Instant.now().plusSeconds(300));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode(token))
			.withMessageContaining("session has ended");
	}

	@Test
	void aRememberedTokenIsRefusedOnceItExpires() {
		Map<String, Object> claims = TestTokens.claims(7);
		claims.put("exp", Instant.now().plusSeconds(2).getEpochSecond());
		String token = TestTokens.sign(TestTokens.header(), claims);
		assertThat(this.decoder.decode(token).getSubject()).isEqualTo("7");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatExceptionOfType(JwtValidationException.class)
				.isThrownBy(() -> this.decoder.decode(token)));
		assertThat(this.signatureChecks).hasValue(1);
	}

	@Test
	void aTamperedOrForeignTokenIsNeverTakenForTheRememberedOne() {
		String valid = TestTokens.forUser(7);
		this.decoder.decode(valid);
		for (String refused : TestTokens.mustBeRefused(valid, "http://127.0.0.1:9/jwks.json")) {
			assertThatExceptionOfType(JwtException.class).as(refused).isThrownBy(() -> this.decoder.decode(refused));
		}
	}

	@Test
	void remembersAtMostItsCapacityDroppingExpiredTokensFirst() {
		Instant now = Instant.now();
		for (int i = 0; i < VerifiedAccessTokens.CAPACITY; i++) {
			this.verified.remember("expired-" + i, jwt("expired-" + i, now.minusSeconds(1)));
		}
		this.verified.remember("live-0", jwt("live-0", now.plusSeconds(60)));
		assertThat(this.verified.size()).isEqualTo(1);

		for (int i = 1; i <= VerifiedAccessTokens.CAPACITY; i++) {
			this.verified.remember("live-" + i, jwt("live-" + i, now.plusSeconds(60)));
		}
		assertThat(this.verified.size()).isLessThanOrEqualTo(VerifiedAccessTokens.CAPACITY);
		assertThat(this.verified.known("live-" + VerifiedAccessTokens.CAPACITY)).isNotNull();
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("1")
			.issuedAt(expiresAt.minusSeconds(300))
			.expiresAt(expiresAt)
			.build();
	}

	private NimbusJwtDecoder countingSignatureCheck() {
		try {
			JWKSet keys = JWKSet.load(new URL(TestTokens.jwksUri()));
			JWKSource<SecurityContext> source = (selector, context) -> {
				this.signatureChecks.incrementAndGet();
				return selector.select(keys);
			};
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
			processor.setJWTClaimsSetVerifier((claims, context) -> {
			});
			return new NimbusJwtDecoder(processor);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
