package io.vocalhost.common.security;

import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What makes a VocalHost access token acceptable besides its RS256 signature: our issuer,
 * our audience, not expired (beyond a small skew), and its session not revoked.
 */
public final class AccessTokenValidators {

	/** The claim that ties an access token to its sign-in session. */
	public static final String SESSION_CLAIM = "sid";

	private AccessTokenValidators() {
	}

	public static OAuth2TokenValidator<Jwt> of(SecurityProperties properties, RevokedSessions revokedSessions) {
		return new DelegatingOAuth2TokenValidator<>(
				List.of(new JwtTimestampValidator(properties.clockSkew()), new JwtIssuerValidator(properties.issuer()),
						new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
								(audience) -> audience != null && audience.contains(properties.audience())),
						(jwt) -> notRevoked(jwt, revokedSessions)));
	}

	private static OAuth2TokenValidatorResult notRevoked(Jwt jwt, RevokedSessions revokedSessions) {
		String session = jwt.getClaimAsString(SESSION_CLAIM);
		if (session != null && revokedSessions.isRevoked(UUID.fromString(session))) {
			return OAuth2TokenValidatorResult
				.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The session has ended", null));
		}
		return OAuth2TokenValidatorResult.success();
	}

}
