package io.vocalhost.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes the identity the gateway verified downstream as a bearer token, which every
 * service verifies again; a request the gateway did not authenticate goes on without one.
 */
@Component
class BearerRelayFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull((context) -> context.getAuthentication())
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((authentication) -> ((JwtAuthenticationToken) authentication).getToken().getTokenValue())
			.map((token) -> exchange.mutate()
				.request((request) -> request.headers((headers) -> headers.setBearerAuth(token)))
				.build())
			.switchIfEmpty(Mono.fromSupplier(() -> exchange.mutate()
				.request((request) -> request.headers((headers) -> headers.remove(HttpHeaders.AUTHORIZATION)))
				.build()))
			.flatMap(chain::filter);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
