package io.vocalhost.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.vocalhost.common.error.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every failure at the gateway with {@code {"error","details"}} JSON: a
 * downstream that is down gives 503, one that is slow 504, one that breaks the exchange
 * 502.
 */
@Component
@Order(-2)
class JsonErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(JsonErrorWebExceptionHandler.class);

	private final JsonMapper json = JsonMapper.builder().build();

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		Failure failure = classify(exchange, ex);
		response.setStatusCode(failure.status());
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		if (ex instanceof MethodNotAllowedException notAllowed) {
			response.getHeaders().setAllow(notAllowed.getSupportedMethods());
		}
		byte[] body = this.json.writeValueAsBytes(failure.body());
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private Failure classify(ServerWebExchange exchange, Throwable ex) {
		String service = downstreamName(exchange);
		if (causedBy(ex, ConnectTimeoutException.class)) {
			return new Failure(HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
					service + " did not accept the connection in time");
		}
		if (causedBy(ex, ConnectException.class)) {
			return new Failure(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", service + " is not reachable");
		}
		if (causedBy(ex, TimeoutException.class)) {
			return new Failure(HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout", service + " did not answer in time");
		}
		if (ex instanceof ResponseStatusException statusException) {
			return fromStatus(exchange, statusException.getStatusCode(), service);
		}
		if (causedBy(ex, PrematureCloseException.class) || causedBy(ex, IOException.class)) {
			return new Failure(HttpStatus.BAD_GATEWAY, "Bad gateway", service + " broke off the exchange");
		}
		String reference = UUID.randomUUID().toString();
		logger.error("Unexpected failure at the gateway, reference {}", reference, ex);
		return new Failure(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Something went wrong on our side (reference " + reference + ")");
	}

	private Failure fromStatus(ServerWebExchange exchange, HttpStatusCode status, String service) {
		String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
		return switch (status.value()) {
			case 404 -> new Failure(status, "Not found", "No endpoint " + request);
			case 405 -> new Failure(status, "Method not allowed", "Method not supported for " + request);
			case 504 -> new Failure(status, "Gateway timeout", service + " did not answer in time");
			case 503 -> new Failure(status, "Service unavailable", service + " is not available");
			default -> {
				HttpStatus known = HttpStatus.resolve(status.value());
				String reason = (known != null) ? known.getReasonPhrase() : "Error";
				yield new Failure(status, reason, reason + " for " + request);
			}
		};
	}

	private static String downstreamName(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "The service";
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private record Failure(HttpStatusCode status, String error, String details) {

		ErrorBody body() {
			return new ErrorBody(this.error, this.details);
		}

	}

}
