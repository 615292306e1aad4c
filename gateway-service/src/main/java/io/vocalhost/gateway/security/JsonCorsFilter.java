package io.vocalhost.gateway.security;

import io.vocalhost.common.error.ErrorAnswer;
import io.vocalhost.common.error.ReactiveErrorResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * CORS as Spring's own filter does it (the same processor and rules), except that a
 * refused origin gets the JSON error body instead of an empty 403, so that a frontend
 * developer sees which origin to allow.
 */
class JsonCorsFilter implements WebFilter {

	private final CorsConfigurationSource source;

	private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

	JsonCorsFilter(CorsConfigurationSource source) {
		this.source = source;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		CorsConfiguration configuration = this.source.getCorsConfiguration(exchange);
		if (!this.processor.process(configuration, exchange)) {
			return ReactiveErrorResponses.write(exchange.getResponse(),
					new ErrorAnswer(HttpStatus.FORBIDDEN, "Forbidden",
							"Origin " + exchange.getRequest().getHeaders().getFirst(HttpHeaders.ORIGIN)
									+ " may not call this API (set GATEWAY_CORS_ORIGINS to allow a frontend)"));
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

}
