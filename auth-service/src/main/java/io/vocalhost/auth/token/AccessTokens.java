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
 * Issues our own short-lived RS256 access tokens: for a user (subject = user id,
 * {@code sid} = session) or for a service (subject = {@code service:<client>},
 * {@code scope}).
 */
@Component
public class AccessTokens {

	public static final String SERVICE_SUBJECT_PREFIX = "service:";

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
		return sign(
				claims(String.valueOf(userId), now).claim(AccessTokenValidators.SESSION_CLAIM, sessionId.toString()),
				now);
	}

	public IssuedToken issueForService(String client, List<String> scopes, Instant now) {
		return sign(claims(SERVICE_SUBJECT_PREFIX + client, now).claim("scope", String.join(" ", scopes)), now);
	}

	private JwtClaimsSet.Builder claims(String subject, Instant now) {
		return JwtClaimsSet.builder()
			.issuer(this.security.issuer())
			.audience(List.of(this.security.audience()))
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(this.properties.accessTokenTtl()))
			.id(UUID.randomUUID().toString());
	}

	private IssuedToken sign(JwtClaimsSet.Builder claims, Instant now) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(this.keyId).type("JWT").build();
		String token = this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
		return new IssuedToken(token, now.plus(this.properties.accessTokenTtl()));
	}

	public record IssuedToken(String value, Instant expiresAt) {
	}

}
