package io.vocalhost.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.vocalhost.auth.system.AuthProperties;
import io.vocalhost.common.security.AccessTokenValidators;
import io.vocalhost.common.security.SecurityProperties;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues our own short-lived RS256 access tokens: subject = user id, {@code sid} =
 * session.
 */
@Component
public class AccessTokens {

	private final JwtEncoder encoder;

	private final String keyId;

	private final SecurityProperties security;

	private final AuthProperties properties;

	AccessTokens(SigningKeys keys, SecurityProperties security, AuthProperties properties) {
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
		this.keyId = keys.signingKey().getKeyID();
		this.security = security;
		this.properties = properties;
	}

	public IssuedToken issue(long userId, UUID sessionId, Instant now) {
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(String.valueOf(userId))
			.issuedAt(now)
			.expiresAt(expiresAt)
			.id(UUID.randomUUID().toString())
			.claim(AccessTokenValidators.SESSION_CLAIM, sessionId.toString())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keyId).type("JWT").build();
		return new IssuedToken(this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(),
				expiresAt);
	}

	public record IssuedToken(String value, Instant expiresAt) {
	}

}
