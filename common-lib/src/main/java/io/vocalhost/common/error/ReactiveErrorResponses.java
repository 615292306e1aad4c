package io.vocalhost.common.error;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Writes the JSON error body of a reactive (WebFlux) service straight to the response,
 * from an exception handler or a web filter.
 */
public final class ReactiveErrorResponses {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ReactiveErrorResponses() {
	}

	public static Mono<Void> write(ServerHttpResponse response, ErrorAnswer answer) {
		response.setStatusCode(answer.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = json.writeValueAsBytes(answer.body());
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
