package io.vocalhost.common.error;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every failure of a reactive (WebFlux) service into {@code {"error","details"}}
 * JSON with the right status, as {@link ApiExceptionHandler} does for a servlet service:
 * an {@link ApiException} keeps its status and words, a refused request body names every
 * bad field, a framework failure keeps its status, anything else is a 500 with a
 * reference and no internals. A service with failures of its own (the gateway's
 * downstream errors) extends {@link #answer} or {@link #fromStatus}.
 */
public class JsonErrorWebExceptionHandler implements ErrorWebExceptionHandler, Ordered {

	/** Before Spring Boot's own handler (-1). */
	public static final int ORDER = -2;

	private static final Logger logger = LoggerFactory.getLogger(JsonErrorWebExceptionHandler.class);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			response.getHeaders().setAllow(notAllowed.getSupportedMethods());
		}
		return ReactiveErrorResponses.write(response, answer(exchange, ex));
	}

	protected ErrorAnswer answer(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ApiException api) {
			return new ErrorAnswer(api.status(), api.body());
		}
		if (ex instanceof WebExchangeBindException invalid) {
			return new ErrorAnswer(HttpStatus.BAD_REQUEST, "Invalid request",
					FieldProblems.describe(invalid.getMethodParameter(), invalid));
		}
		if (ex instanceof ServerWebInputException input && input.getCause() instanceof DecodingException) {
			return new ErrorAnswer(HttpStatus.BAD_REQUEST, "Malformed request body",
					"The body is missing or is not valid JSON of the expected shape");
		}
		if (ex instanceof ResponseStatusException statusException) {
			return fromStatus(exchange, statusException.getStatusCode());
		}
		String reference = UUID.randomUUID().toString();
		logger.error("Unexpected failure, reference {}", reference, ex);
		return new ErrorAnswer(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side (reference " + reference + ")");
	}

	protected ErrorAnswer fromStatus(ServerWebExchange exchange, HttpStatusCode status) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
		return switch (status.value()) {
			case 404 -> new ErrorAnswer(status, "Not found", "No endpoint " + request);
			case 405 -> new ErrorAnswer(status, "Method not allowed", "Method not supported for " + request);
			default -> {
				HttpStatus known = HttpStatus.resolve(status.value());
				String reason = (known != null) ? known.getReasonPhrase() : "Error";
				yield new ErrorAnswer(status, reason, reason + " for " + request);
			}
		};
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
