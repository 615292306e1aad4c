package io.vocalhost.gateway;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.vocalhost.common.error.ErrorAnswer;
import io.vocalhost.common.error.JsonErrorWebExceptionHandler;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The shared JSON error answers, plus the gateway's own: a downstream that is down gives
 * 503, one that is slow 504, one that breaks the exchange 502, each naming the service.
 */
@Component
class DownstreamErrorHandler extends JsonErrorWebExceptionHandler {

	@Override
	protected ErrorAnswer answer(ServerWebExchange exchange, Throwable ex) {
		String service = downstreamName(exchange);
		if (causedBy(ex, ConnectTimeoutException.class)) {
			return new ErrorAnswer(HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
					service + " did not accept the connection in time");
		}
		if (causedBy(ex, ConnectException.class)) {
			return new ErrorAnswer(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
					service + " is not reachable");
		}
		if (causedBy(ex, TimeoutException.class)) {
			return new ErrorAnswer(HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout", service + " did not answer in time");
		}
		if (!(ex instanceof ResponseStatusException)
				&& (causedBy(ex, PrematureCloseException.class) || causedBy(ex, IOException.class))) {
			return new ErrorAnswer(HttpStatus.BAD_GATEWAY, "Bad gateway", service + " broke off the exchange");
		}
		return super.answer(exchange, ex);
	}

	@Override
	protected ErrorAnswer fromStatus(ServerWebExchange exchange, HttpStatusCode status) {
		return switch (status.value()) {
			case 504 ->
				new ErrorAnswer(status, "Gateway timeout", downstreamName(exchange) + " did not answer in time");
			case 503 -> new ErrorAnswer(status, "Service unavailable", downstreamName(exchange) + " is not available");
			default -> super.fromStatus(exchange, status);
		};
	}

	private static String downstreamName(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return "The service";
		}
		// A service with several routes names itself in their metadata.
		return (route.getMetadata().get("service") instanceof String service) ? service : route.getId();
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
