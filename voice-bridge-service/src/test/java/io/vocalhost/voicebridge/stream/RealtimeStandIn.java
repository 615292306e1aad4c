package io.vocalhost.voicebridge.stream;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI Realtime API at its wire protocol (GA events): answers
 * {@code session.update} with {@code session.updated}, streams a greeting as
 * {@code response.output_audio.delta} on {@code response.create} (between
 * {@code response.created} and {@code response.done}; later responses of a connection get
 * their own items), can emit {@code input_audio_buffer.speech_started}, and answers a
 * truncation past the generated audio with an {@code error}, as the service does. A
 * connection can be dropped, and the next connections refused, as an outage would.
 */
final class RealtimeStandIn implements AutoCloseable {

	static final String GREETING_ITEM = "item_greeting";

	static final int GREETING_CHUNKS = 3;

	private static final JsonMapper json = JsonMapper.builder().build();

	final List<Connection> connections = new CopyOnWriteArrayList<>();

	/** Handshakes answered 503 from now on, before connections are accepted again. */
	final AtomicInteger refusals = new AtomicInteger();

	final AtomicInteger refused = new AtomicInteger();

	/**
	 * New connections keep {@code session.updated} back until
	 * {@link Connection#releaseSession()}.
	 */
	volatile boolean holdSessions;

	private final DisposableServer server;

	RealtimeStandIn() {
		// Its own event loops: a bridge context closing disposes Reactor Netty's global
		// ones.
		this.server = HttpServer.create()
			.runOn(LoopResources.create("realtime-stand-in"))
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> (this.refusals.getAndUpdate((left) -> Math.max(0, left - 1)) > 0)
					? response.status(503).send().doOnTerminate(this.refused::incrementAndGet)
					: response.sendWebsocket((in, out) -> {
						Connection connection;
						synchronized (this.connections) {
							connection = new Connection(this.connections.size(), request.uri(),
									request.requestHeaders().get("Authorization"), this.holdSessions);
							this.connections.add(connection);
						}
						return Mono
							.firstWithSignal(in.receive().asString().doOnNext(connection::received).then(),
									out.sendString(connection.outgoing.asFlux()).then())
							.doFinally((signal) -> connection.closed = true);
					}, WebsocketServerSpec.builder().maxFramePayloadLength(4 * 1024 * 1024).build()))
			.bindNow();
	}

	String url() {
		return "ws://127.0.0.1:" + this.server.port() + "/v1/realtime";
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	static final class Connection {

		final int index;

		final String uri;

		final String authorization;

		final List<JsonNode> frames = new CopyOnWriteArrayList<>();

		final List<JsonNode> errors = new CopyOnWriteArrayList<>();

		final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

		private final ConcurrentHashMap<String, Long> generatedMs = new ConcurrentHashMap<>();

		private int responses;

		private final boolean holdSession;

		private JsonNode heldSession;

		volatile boolean closed;

		Connection(int index, String uri, String authorization, boolean holdSession) {
			this.index = index;
			this.uri = uri;
			this.authorization = authorization;
			this.holdSession = holdSession;
		}

		/** Answers the held {@code session.update}. */
		synchronized void releaseSession() {
			sessionUpdated(this.heldSession);
		}

		private void sessionUpdated(JsonNode session) {
			send(json.createObjectNode().put("type", "session.updated").set("session", session));
		}

		/** 20 ms of the greeting, tagged with its chunk and this connection. */
		String greetingChunk(int chunk) {
			return responseChunk(0, chunk);
		}

		/** 20 ms of a response of this connection, tagged with the response and chunk. */
		String responseChunk(int response, int chunk) {
			byte[] audio = new byte[160];
			audio[0] = (byte) (100 + chunk);
			audio[3] = (byte) response;
			audio[1] = (byte) this.index;
			audio[2] = (byte) (this.index >> 8);
			return Base64.getEncoder().encodeToString(audio);
		}

		List<String> types() {
			return this.frames.stream().map((frame) -> frame.path("type").asString()).toList();
		}

		synchronized void speechStarted() {
			send(json.createObjectNode().put("type", "input_audio_buffer.speech_started").put("audio_start_ms", 1000));
		}

		/** Sends a server event the test scripts, after everything sent before it. */
		synchronized void emit(String frame) {
			this.outgoing.tryEmitNext(frame);
		}

		/** The service closes this socket. */
		void drop() {
			this.outgoing.tryEmitComplete();
		}

		/** The instructions of each {@code response.create} received, in order. */
		List<String> responseInstructions() {
			return this.frames.stream()
				.filter((frame) -> frame.path("type").asString().equals("response.create"))
				.map((frame) -> frame.at("/response/instructions").asString())
				.toList();
		}

		private synchronized void received(String text) {
			JsonNode frame = json.readTree(text);
			this.frames.add(frame);
			switch (frame.path("type").asString()) {
				case "session.update" -> {
					if (this.holdSession) {
						this.heldSession = frame.path("session");
					}
					else {
						sessionUpdated(frame.path("session"));
					}
				}
				case "response.create" -> {
					int response = this.responses++;
					String responseId = "resp_" + (response + 1);
					String itemId = (response == 0) ? GREETING_ITEM : "item_" + this.index + "_" + response;
					send(json.createObjectNode()
						.put("type", "response.created")
						.set("response", json.createObjectNode().put("id", responseId).put("status", "in_progress")));
					for (int chunk = 0; chunk < GREETING_CHUNKS; chunk++) {
						this.generatedMs.merge(itemId, 20L, Long::sum);
						send(json.createObjectNode()
							.put("type", "response.output_audio.delta")
							.put("response_id", responseId)
							.put("item_id", itemId)
							.put("output_index", 0)
							.put("content_index", 0)
							.put("delta", responseChunk(response, chunk)));
					}
					send(json.createObjectNode()
						.put("type", "response.done")
						.set("response", json.createObjectNode().put("id", responseId).put("status", "completed")));
				}
				case "conversation.item.truncate" -> {
					long generated = this.generatedMs.getOrDefault(frame.path("item_id").asString(), 0L);
					if (frame.path("audio_end_ms").asLong() > generated) {
						JsonNode error = json.createObjectNode()
							.put("type", "error")
							.set("error",
									json.createObjectNode()
										.put("type", "invalid_request_error")
										.put("message", "audio_end_ms is longer than the audio"));
						this.errors.add(error);
						send(error);
					}
				}
				default -> {
				}
			}
		}

		private void send(JsonNode frame) {
			this.outgoing.tryEmitNext(json.writeValueAsString(frame));
		}

	}

}
