package io.vocalhost.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/** One page that tells whether every service of the system is healthy. */
@RestController
class SystemStatusController {

	private final GatewayProperties properties;

	private final String gatewayName;

	private final WebClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	SystemStatusController(GatewayProperties properties, @Value("${spring.application.name}") String gatewayName) {
		this.properties = properties;
		this.gatewayName = gatewayName;
		Duration timeout = properties.status().timeout();
		this.http = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
				.responseTimeout(timeout)))
			.build();
	}

	@GetMapping("/api/system/status")
	Mono<SystemStatus> status() {
		return Flux.fromIterable(this.properties.services().entrySet())
			.flatMapSequential((service) -> check(service.getKey(), service.getValue()))
			.collectList()
			.map((downstream) -> {
				List<ServiceStatus> services = new ArrayList<>();
				services.add(new ServiceStatus(this.gatewayName, "UP", 0L, null));
				services.addAll(downstream);
				boolean allUp = services.stream().allMatch((service) -> "UP".equals(service.status()));
				return new SystemStatus(allUp ? "UP" : "DEGRADED", services);
			});
	}

	private Mono<ServiceStatus> check(String name, URI url) {
		long started = System.nanoTime();
		return this.http.get()
			.uri(url.resolve("/actuator/health"))
			.exchangeToMono((response) -> response.bodyToMono(String.class))
			.map((body) -> new ServiceStatus(name, this.json.readTree(body).path("status").asString("UNKNOWN"),
					elapsedMillis(started), null))
			.timeout(this.properties.status().timeout())
			.onErrorResume((ex) -> Mono.just(new ServiceStatus(name, "DOWN", elapsedMillis(started),
					"Health check failed: " + ex.getClass().getSimpleName())));
	}

	private static long elapsedMillis(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis();
	}

	record SystemStatus(String status, List<ServiceStatus> services) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ServiceStatus(String name, String status, @JsonProperty("response_time_ms") Long responseTimeMs,
			String details) {
	}

}
