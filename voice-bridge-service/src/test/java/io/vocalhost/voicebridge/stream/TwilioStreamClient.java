package io.vocalhost.voicebridge.stream;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's side of a bidirectional Media Stream: sends its events, keeps what it gets.
 */
final class TwilioStreamClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	volatile boolean closed;

	TwilioStreamClient(URI uri) {
		HttpClient.create()
			.websocket()
			.uri(uri)
			.handle((in, out) -> Mono.firstWithSignal(
					in.receive().asString().doOnNext((text) -> this.received.add(json.readTree(text))).then(),
					out.sendString(this.outgoing.asFlux()).then()))
			.doFinally((signal) -> this.closed = true)
			.subscribe(null, (ex) -> this.closed = true);
	}

	void send(String frame) {
		this.outgoing.tryEmitNext(frame);
	}

	void hangUp() {
		this.outgoing.tryEmitComplete();
	}

	List<JsonNode> events(String event) {
		return this.received.stream().filter((frame) -> event.equals(frame.path("event").asString())).toList();
	}

}
