package io.vocalhost.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import io.vocalhost.common.error.ErrorAnswer;
import io.vocalhost.common.error.ReactiveErrorResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A state change authenticated by a session cookie must either echo the
 * {@code XSRF-TOKEN} cookie in the {@code X-XSRF-TOKEN} header (double submit), which
 * another site cannot read, or come from a page of a trusted origin, which another site
 * cannot claim (frontends that send no token rely on this). Requests with a bearer token
 * and no session cookie, and webhooks, which authenticate by signature, are not
 * cookie-authenticated and pass.
 */
class DoubleSubmitCsrfFilter implements WebFilter {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	private final PathList exempt;

	private final TrustedOrigins trustedOrigins;

	DoubleSubmitCsrfFilter(List<String> exemptPaths, TrustedOrigins trustedOrigins) {
		this.exempt = PathList.of(exemptPaths);
		this.trustedOrigins = trustedOrigins;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (SAFE.contains(request.getMethod()) || !hasSessionCookie(request) || isExempt(request)) {
			return chain.filter(exchange);
		}
		if (!echoesTheToken(request) && !this.trustedOrigins.vouchFor(request.getHeaders())) {
			return ReactiveErrorResponses.write(exchange.getResponse(),
					new ErrorAnswer(HttpStatus.FORBIDDEN, "Forbidden",
							"Missing or invalid CSRF token: echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header, "
									+ "or send the request from an allowed frontend origin"));
		}
		return chain.filter(exchange);
	}

	private static boolean echoesTheToken(ServerHttpRequest request) {
		HttpCookie cookie = request.getCookies().getFirst(SessionCookieNames.XSRF);
		String header = request.getHeaders().getFirst(SessionCookieNames.XSRF_HEADER);
		return cookie != null && header != null && !cookie.getValue().isEmpty() && MessageDigest
			.isEqual(cookie.getValue().getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean hasSessionCookie(ServerHttpRequest request) {
		return request.getCookies().containsKey(SessionCookieNames.ACCESS)
				|| request.getCookies().containsKey(SessionCookieNames.REFRESH);
	}

	private boolean isExempt(ServerHttpRequest request) {
		return this.exempt.contains(request.getPath().pathWithinApplication());
	}

}
