package io.vocalhost.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks VocalHost access tokens.
 *
 * @param jwksUri where auth-service publishes its signing keys
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must carry
 * @param clockSkew how far expiry and issue times may be off between machines
 * @param publicPaths paths (Ant patterns) that need no token, besides health, metrics and
 * API docs
 * @param revocationLookback how far back a starting instance reads
 * {@code session-revoked} events: at least the lifetime of an access token plus the clock
 * skew, so that every revocation whose tokens could still be presented is known
 */
@ConfigurationProperties("vocalhost.security")
public record SecurityProperties(@DefaultValue("http://localhost:8081/.well-known/jwks.json") URI jwksUri,
		@DefaultValue("vocalhost-auth") String issuer, @DefaultValue("vocalhost-api") String audience,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue List<String> publicPaths,
		@DefaultValue("15m") Duration revocationLookback) {

	/** Paths every service serves without a token. */
	public static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error");

	/** The paths this service serves without a token: the configured ones and ours. */
	public String[] allPublicPaths() {
		List<String> paths = new ArrayList<>(ALWAYS_PUBLIC);
		paths.addAll(this.publicPaths);
		return paths.toArray(String[]::new);
	}

}
