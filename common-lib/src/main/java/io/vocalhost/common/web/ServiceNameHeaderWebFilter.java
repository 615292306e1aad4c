package io.vocalhost.common.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive twin of {@link ServiceNameHeaderFilter}. The header is set only when no
 * one else set it, just before the response is sent: an answer a reactive service passes
 * on from another service (the gateway's routes) keeps that service's name.
 */
public class ServiceNameHeaderWebFilter implements WebFilter, Ordered {

	private final String serviceName;

	public ServiceNameHeaderWebFilter(String serviceName) {
		this.serviceName = serviceName;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		exchange.getResponse().beforeCommit(() -> {
			if (!headers.containsHeader(ServiceNameHeaderFilter.HEADER)) {
				headers.set(ServiceNameHeaderFilter.HEADER, this.serviceName);
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
