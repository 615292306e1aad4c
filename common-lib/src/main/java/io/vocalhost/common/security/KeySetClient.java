package io.vocalhost.common.security;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP client that fetches auth-service's token keys in a reactive service. It has
 * timeouts (the decoder's default client has none, so a fetch without an answer would
 * hold the request it authenticates forever), and its own event loop and connection pool,
 * released with the application: a closing application context disposes Reactor Netty's
 * shared resources, and a key fetch scheduled on them would never run.
 */
public class KeySetClient implements DisposableBean {

	private final LoopResources loops = LoopResources.create("jwks", 1, true);

	private final ConnectionProvider connections = ConnectionProvider.create("jwks", 4);

	private final WebClient webClient;

	KeySetClient() {
		HttpClient http = HttpClient.create(this.connections)
			.runOn(this.loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(Duration.ofSeconds(3));
		this.webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	WebClient webClient() {
		return this.webClient;
	}

	@Override
	public void destroy() {
		this.connections.dispose();
		this.loops.dispose();
	}

}
