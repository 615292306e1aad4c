package io.vocalhost.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in enforcement at the edge.
 *
 * @param publicPaths paths that need no access token (login, webhooks, health, docs)
 * @param csrfExemptPaths paths that authenticate by signature instead of cookies
 * (webhooks)
 * @param corsOrigins the frontend origins allowed to call the API with credentials
 * @param authUrl where auth-service is, for refreshing sessions
 * @param refreshAfter an access token older than this is renewed on the next request, so
 * the idle timeout counts from the last request give or take this much
 */
@ConfigurationProperties("vocalhost.edge")
public record EdgeSecurityProperties(List<String> publicPaths, List<String> csrfExemptPaths, List<String> corsOrigins,
		URI authUrl, @DefaultValue("60s") Duration refreshAfter) {
}
