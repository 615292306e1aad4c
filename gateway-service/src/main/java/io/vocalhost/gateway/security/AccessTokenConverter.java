package io.vocalhost.gateway.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where the access token of a request is: a token just refreshed, else the
 * {@code Authorization: Bearer} header, else the session cookie. Public paths are not
 * authenticated at all, so a stale cookie never blocks a login or a webhook.
 */
class AccessTokenConverter implements ServerAuthenticationConverter {

	private static final String BEARER = "Bearer ";

	private final PathList publicPaths;

	AccessTokenConverter(List<String> publicPaths) {
		this.publicPaths = PathList.of(publicPaths);
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		if (this.publicPaths.contains(exchange)) {
			return Mono.empty();
		}
		String refreshed = exchange.getAttribute(SessionRefreshFilter.REFRESHED_ACCESS_TOKEN);
		if (refreshed != null) {
			return refreshed.isEmpty() ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(refreshed));
		}
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Mono.just(new BearerTokenAuthenticationToken(header.substring(BEARER.length()).trim()));
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(SessionCookieNames.ACCESS);
		return (cookie != null && !cookie.getValue().isEmpty())
				? Mono.just(new BearerTokenAuthenticationToken(cookie.getValue())) : Mono.empty();
	}

}
