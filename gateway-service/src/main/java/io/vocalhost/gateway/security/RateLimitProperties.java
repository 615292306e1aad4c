package io.vocalhost.gateway.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets at the gateway, kept in each gateway instance's memory (with N
 * instances a client gets up to N times the budget; no shared store, so nothing to fail).
 *
 * @param perIp every request, by client address
 * @param perUser every authenticated request, by user
 * @param authPerIp the sign-in paths, by client address
 * @param uploadsPerUser uploads, by user (or address when not signed in)
 * @param uploadPaths the paths that take uploads
 * @param authPaths the sign-in paths: the login start and the provider's callback. The
 * rest of {@code /api/auth/**} (the signed-in user, refresh, logout) is called by every
 * signed-in user and follows the ordinary budgets, so that people behind one address do
 * not share one sign-in budget for them.
 */
@ConfigurationProperties("vocalhost.edge.rate-limits")
public record RateLimitProperties(@DefaultValue( {
		"100", "1s" }) Limit perIp, @DefaultValue({ "50", "1s" }) Limit perUser,
		@DefaultValue({ "20", "1m" }) Limit authPerIp, @DefaultValue({ "10", "1m" }) Limit uploadsPerUser,
		@DefaultValue({ "/api/rag/**", "/api/register", "/api/register/**" }) List<String> uploadPaths,
		@DefaultValue({ "/api/auth/google/login", "/api/auth/google/callback" }) List<String> authPaths){

	/** At most {@code requests} per {@code per}, refilled evenly. */
	public record Limit(int requests, Duration per) {
	}

}
