package io.vocalhost.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Keeps an active browser session signed in without the frontend knowing: when the access
 * cookie is missing, expired or older than {@code refreshAfter}, the gateway trades the
 * refresh cookie at auth-service, uses the new access token for this request and passes
 * the new cookies to the browser. A session that is over comes back with cleared cookies
 * and no token.
 */
class SessionRefreshFilter implements WebFilter {

	/**
	 * The access token to use for this request after a refresh; empty when the session
	 * ended.
	 */
	static final String REFRESHED_ACCESS_TOKEN = SessionRefreshFilter.class.getName() + ".accessToken";

	private static final Logger logger = LoggerFactory.getLogger(SessionRefreshFilter.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebClient auth;

	private final Duration refreshAfter;

	private final Clock clock;

	SessionRefreshFilter(WebClient auth, Duration refreshAfter, Clock clock) {
		this.auth = auth;
		this.refreshAfter = refreshAfter;
		this.clock = clock;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpCookie refresh = exchange.getRequest().getCookies().getFirst(SessionCookieNames.REFRESH);
		HttpCookie access = exchange.getRequest().getCookies().getFirst(SessionCookieNames.ACCESS);
		boolean bearer = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
		if (bearer || refresh == null || (access != null && !dueForRefresh(access.getValue()))) {
			return chain.filter(exchange);
		}
		return this.auth.post()
			.uri("/api/auth/refresh")
			.header(HttpHeaders.COOKIE, SessionCookieNames.REFRESH + "=" + refresh.getValue())
			.exchangeToMono((response) -> {
				List<String> cookies = response.headers().header(HttpHeaders.SET_COOKIE);
				exchange.getResponse().getHeaders().addAll(HttpHeaders.SET_COOKIE, cookies);
				String token = response.statusCode().is2xxSuccessful() ? accessTokenIn(cookies) : "";
				exchange.getAttributes().put(REFRESHED_ACCESS_TOKEN, token);
				return response.releaseBody();
			})
			.onErrorResume((ex) -> {
				logger.warn("Could not refresh a session at auth-service: {}", ex.getMessage());
				return Mono.empty();
			})
			.then(chain.filter(exchange));
	}

	private boolean dueForRefresh(String accessToken) {
		try {
			String[] parts = accessToken.split("\\.");
			JsonNode claims = json
				.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
			Instant now = this.clock.instant();
			Instant issuedAt = Instant.ofEpochSecond(claims.path("iat").asLong());
			Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
			return !now.isBefore(expiresAt) || !now.isBefore(issuedAt.plus(this.refreshAfter));
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private static String accessTokenIn(List<String> setCookies) {
		return setCookies.stream()
			.flatMap((header) -> ResponseCookieParser.parse(header).stream())
			.filter((cookie) -> SessionCookieNames.ACCESS.equals(cookie.getName()))
			.map(ResponseCookie::getValue)
			.findFirst()
			.orElse("");
	}

}
