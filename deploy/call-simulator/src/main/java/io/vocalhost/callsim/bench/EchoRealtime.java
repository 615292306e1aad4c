package io.vocalhost.callsim.bench;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI Realtime API for the benchmark, at its wire protocol: answers
 * {@code session.update} with {@code session.updated} and echoes every
 * {@code input_audio_buffer.append} at once as a {@code response.output_audio.delta} of
 * the same frame, re-tagged with its own send time. It records each frame's latency up.
 */
final class EchoRealtime implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DisposableServer server;

	private final AtomicInteger connections = new AtomicInteger();

	private volatile Measurements measurements;

	EchoRealtime(int port) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.handle((request, response) -> response.sendWebsocket((in, out) -> {
				Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
				Connection connection = new Connection(outgoing, this.connections.incrementAndGet());
				return Mono.firstWithSignal(in.receive().asString().doOnNext(connection::received).then(),
						out.sendString(outgoing.asFlux()).then());
			}))
			.bindNow();
	}

	int port() {
		return this.server.port();
	}

	void measureInto(Measurements measurements) {
		this.measurements = measurements;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private final class Connection {

		private final Sinks.Many<String> outgoing;

		private final String itemId;

		private long sessionReadyNanos = Long.MAX_VALUE;

		private boolean callKnown;

		Connection(Sinks.Many<String> outgoing, int index) {
			this.outgoing = outgoing;
			this.itemId = "item_echo_" + index;
		}

		void received(String text) {
			long now = System.nanoTime();
			JsonNode frame = json.readTree(text);
			switch (frame.path("type").asString("")) {
				case "session.update" -> {
					this.sessionReadyNanos = System.nanoTime();
					this.outgoing.tryEmitNext("{\"type\":\"session.updated\",\"session\":{}}");
				}
				case "input_audio_buffer.append" -> echo(FrameTag.read(frame.path("audio").asString()), now);
				default -> {
				}
			}
		}

		private void echo(FrameTag tag, long receivedNanos) {
			Measurements run = EchoRealtime.this.measurements;
			if (run == null || !run.inRange(tag)) {
				return;
			}
			if (!this.callKnown) {
				this.callKnown = true;
				run.sessionReady[tag.call()] = this.sessionReadyNanos;
			}
			run.up[tag.call()][tag.sequence()] = receivedNanos - tag.sentNanos();
			long now = System.nanoTime();
			run.echoed[tag.call()][tag.sequence()] = now;
			this.outgoing
				.tryEmitNext("{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_echo\",\"item_id\":\""
						+ this.itemId + "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + tag.resent(now)
						+ "\"}");
		}

	}

}
