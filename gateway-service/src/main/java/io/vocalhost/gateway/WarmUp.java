package io.vocalhost.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends the gateway's first requests itself, before it reports ready. The first request
 * of a fresh gateway loads about 1,400 classes and costs about 1.5 s of CPU (measured;
 * later ones 30–60 ms); on a busy 2-core machine whoever sent it waited 10 s and more.
 * One public proxied route (a service's OpenAPI document) and one request with a token
 * that cannot verify (the key set is fetched, an RSA check runs, the answer is 401) take
 * that cost at start: routing, the downstream client, the security chain and the decoder.
 * A downstream or auth-service that is not up yet still warms most of it; the warm-up
 * never fails the start and waits at most {@link #PATIENCE}.
 */
@Component
class WarmUp implements ApplicationListener<ApplicationReadyEvent> {

	static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(WarmUp.class);

	private static final Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

	/**
	 * RS256 without a key id and with a signature of zeros: every key is tried, none
	 * fits.
	 */
	private static final String UNVERIFIABLE_TOKEN = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "."
			+ encode("{\"sub\":\"warm-up\"}") + "." + base64.encodeToString(new byte[256]);

	private final GatewayProperties properties;

	WarmUp(GatewayProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof ReactiveWebServerApplicationContext web)
				|| web.getWebServer() == null || this.properties.services().isEmpty()) {
			return;
		}
		WebClient gateway = WebClient.create("http://127.0.0.1:" + web.getWebServer().getPort());
		String service = this.properties.services().keySet().iterator().next();
		long started = System.nanoTime();
		Flux.concat(send(gateway, "/openapi/" + service, null), send(gateway, "/api/assistants", UNVERIFIABLE_TOKEN))
			.then()
			.timeout(PATIENCE)
			.onErrorResume((ex) -> {
				logger.info("Warm-up incomplete: {}", ex.toString());
				return Mono.empty();
			})
			.block();
		logger.info("Warmed up in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	private static Mono<Void> send(WebClient gateway, String path, String token) {
		return gateway.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			}
		}).exchangeToMono((response) -> response.releaseBody());
	}

	private static String encode(String json) {
		return base64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
