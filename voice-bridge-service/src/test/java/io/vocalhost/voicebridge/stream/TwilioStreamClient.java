package io.vocalhost.voicebridge.stream;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's side of a bidirectional Media Stream: sends its events, keeps what it gets,
 * and, if told to, echoes each mark as Twilio does once the audio before it was played.
 */
final class TwilioStreamClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	final List<JsonNode> received = new CopyOnWriteArrayList<>();

	private final Sinks.Many<WebSocketFrame> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	volatile boolean closed;

	volatile boolean acknowledgeMarks;

	TwilioStreamClient(URI uri) {
		HttpClient.create()
			.websocket()
			.uri(uri)
			.handle((in, out) -> Mono.firstWithSignal(in.receive().asString().doOnNext(this::received).then(),
					out.sendObject(this.outgoing.asFlux()).then()))
			.doFinally((signal) -> this.closed = true)
			.subscribe(null, (ex) -> this.closed = true);
	}

	private void received(String text) {
		JsonNode frame = json.readTree(text);
		this.received.add(frame);
		if (this.acknowledgeMarks && "mark".equals(frame.path("event").asString())) {
			send(json.writeValueAsString(frame));
		}
	}

	void send(String frame) {
		this.outgoing.tryEmitNext(new TextWebSocketFrame(frame));
	}

	/** A binary frame, which Twilio never sends. */
	void sendBinary(byte[] bytes) {
		this.outgoing.tryEmitNext(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
	}

	void hangUp() {
		this.outgoing.tryEmitComplete();
	}

	List<JsonNode> events(String event) {
		return this.received.stream().filter((frame) -> event.equals(frame.path("event").asString())).toList();
	}

}
