package io.vocalhost.gateway.security;

import io.vocalhost.common.error.ErrorBody;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/** Writes the JSON error body straight from a web filter. */
public final class JsonErrorResponses {

	private static final JsonMapper json = JsonMapper.builder().build();

	private JsonErrorResponses() {
	}

	public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String error, String details) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = json.writeValueAsBytes(new ErrorBody(error, details));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
