package io.vocalhost.auth.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param oidc the provider that plays Google (Google itself in production)
 * @param allowedCallbacks the frontend origins a login may return to (no open redirect)
 * @param signingKey the RS256 private key (PKCS#8 PEM); empty means a key generated once
 * and kept in the database, for local use
 * @param previousPublicKeys public keys (X.509 PEM) of retired signing keys, still
 * published in the JWKS so tokens signed before a rotation stay valid until they expire
 * @param accessTokenTtl lifetime of an access token
 * @param idleTimeout a session without a request for this long is over
 * @param absoluteTimeout a session is over this long after sign-in, however active
 * @param refreshReplayGrace a rotated refresh token presented again within this window
 * (two requests racing) gets a fresh access token instead of revoking the session
 * @param loginAttemptTtl how long the provider's redirect back may take
 */
@ConfigurationProperties("vocalhost.auth")
public record AuthProperties(Oidc oidc, List<URI> allowedCallbacks, @DefaultValue("") String signingKey,
		@DefaultValue List<String> previousPublicKeys, @DefaultValue("5m") Duration accessTokenTtl,
		@DefaultValue("30m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteTimeout,
		@DefaultValue("10s") Duration refreshReplayGrace, @DefaultValue("10m") Duration loginAttemptTtl) {

	public record Oidc(URI issuerUri, String clientId, String clientSecret) {
	}

}
