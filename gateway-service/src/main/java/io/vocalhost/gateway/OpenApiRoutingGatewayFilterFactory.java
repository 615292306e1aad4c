package io.vocalhost.gateway;

import java.net.URI;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends {@code /openapi/{service}} to that service's {@code /v3/api-docs}, so the one
 * Swagger UI of the gateway shows every service's document.
 */
@Component
class OpenApiRoutingGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private final GatewayProperties properties;

	OpenApiRoutingGatewayFilterFactory(GatewayProperties properties) {
		super(Object.class);
		this.properties = properties;
	}

	@Override
	public GatewayFilter apply(Object config) {
		GatewayFilter filter = (exchange, chain) -> {
			String service = ServerWebExchangeUtils.getUriTemplateVariables(exchange).get("service");
			URI base = this.properties.serviceUrl(service);
			if (base == null) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No service named " + service);
			}
			URI target = UriComponentsBuilder.fromUri(base).path("/v3/api-docs").build().toUri();
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
			return chain.filter(exchange);
		};
		// After the route's own URL is computed, which this replaces.
		return new OrderedGatewayFilter(filter, RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1);
	}

}
