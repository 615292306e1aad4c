package io.vocalhost.callsim.realtime;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vocalhost.callsim.MediaStream;
import io.vocalhost.callsim.MuLaw;
import io.vocalhost.callsim.SpeechSound;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI Realtime API (GA events) for people to run beside the local stack: what a
 * real session does on the wire, with a scripted voice instead of a model.
 * {@code session.update} is answered with {@code session.updated}; each
 * {@code response.create} speaks (greeting first) as {@code response.output_audio.delta}
 * with its transcript; caller audio goes through an energy-based voice activity detector
 * that emits {@code input_audio_buffer.speech_started}, {@code speech_stopped} and
 * {@code committed}, then answers the turn as server VAD does — with speech, or with a
 * function call whose output it waits for — and the caller's transcription arrives after
 * the reply has started, as it often does. A {@code conversation.item.truncate} past the
 * audio generated for an item is answered with an {@code error}, as the service does.
 */
public final class RealtimeStandIn implements AutoCloseable {

	/** Mean absolute 16-bit amplitude above which a 20 ms frame counts as speech. */
	static final int SPEECH_LEVEL = 500;

	/** Loud frames in a row before speech has started (60 ms). */
	static final int SPEECH_START_FRAMES = 3;

	/** Quiet frames in a row after which speech has stopped (500 ms, as server VAD). */
	static final int SPEECH_STOP_FRAMES = 25;

	/** Audio deltas of 100 ms, as the service sends them. */
	private static final int DELTA_BYTES = 800;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final StandInScript script;

	private final PrintStream log;

	private final AtomicInteger sessions = new AtomicInteger();

	private final DisposableServer server;

	RealtimeStandIn(String host, int port, StandInScript script, PrintStream log) {
		this.script = script;
		this.log = log;
		this.server = HttpServer.create().host(host).port(port).handle((request, response) -> {
			String authorization = request.requestHeaders().get("Authorization");
			if (authorization == null || !authorization.startsWith("Bearer ")) {
				log.println("Refused a connection without an API key (Authorization: Bearer …)");
				return response.status(HttpResponseStatus.UNAUTHORIZED)
					.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"error\":{\"type\":\"invalid_request_error\","
							+ "\"message\":\"Missing bearer authentication in header\"}}"))
					.then();
			}
			return response.sendWebsocket((in, out) -> {
				Session session = new Session(this.sessions.incrementAndGet(), request.uri() + "",
						request.requestHeaders().get("OpenAI-Beta"));
				return Mono
					.firstWithSignal(in.receive().asString().doOnNext(session::received).then(),
							out.sendString(session.outgoing.asFlux()).then())
					.doFinally((signal) -> session.log("closed"));
			}, WebsocketServerSpec.builder().maxFramePayloadLength(4 * 1024 * 1024).build());
		}).bindNow();
	}

	String url() {
		return "ws://" + this.server.host() + ":" + this.server.port() + "/v1/realtime";
	}

	void awaitShutdown() {
		this.server.onDispose().block();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static String readOut(String tool, String output) {
		String text = (output.length() > 300) ? output.substring(0, 300) + " …" : output;
		return "The tool " + tool + " answered: " + text;
	}

	/** One connection: one call's session. */
	private final class Session {

		final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

		private final int number;

		private final Map<String, Long> generatedMs = new HashMap<>();

		private boolean configured;

		private int items;

		private int responses;

		private String lastItemId;

		private long audioMs;

		private int loudFrames;

		private int quietFrames;

		private String speechItemId;

		private long speechStartMs;

		private int turns;

		private String awaitedCallId;

		private StandInScript.Turn awaitedTurn;

		private String toolOutput;

		private final Map<String, String> previousItems = new HashMap<>();

		Session(int number, String uri, String betaHeader) {
			this.number = number;
			log("connected: %s%s", uri, (betaHeader != null)
					? " (OpenAI-Beta: " + betaHeader + " — the GA interface takes no beta header)" : "");
		}

		synchronized void received(String text) {
			JsonNode event;
			try {
				event = json.readTree(text);
			}
			catch (RuntimeException ex) {
				error("invalid_json", "The event is not JSON: " + ex.getMessage());
				return;
			}
			String type = event.path("type").asString("");
			if (!this.configured && !type.equals("session.update")) {
				log("WARNING %s arrived before session.update", type);
			}
			switch (type) {
				case "session.update" -> sessionUpdate(event.path("session"));
				case "input_audio_buffer.append" -> heard(event.path("audio").asString(""));
				case "response.create" -> responseCreate(event.path("response"));
				case "conversation.item.create" -> itemCreate(event.path("item"));
				case "conversation.item.truncate" -> truncate(event);
				case "input_audio_buffer.clear", "input_audio_buffer.commit", "response.cancel" -> {
				}
				default -> log("ignored %s", type);
			}
		}

		private void sessionUpdate(JsonNode session) {
			this.configured = true;
			log("session.update: type %s, audio in %s out %s, voice %s, %d tools %s",
					session.path("type").asString("?"), session.at("/audio/input/format/type").asString("?"),
					session.at("/audio/output/format/type").asString("?"),
					session.at("/audio/output/voice").asString("?"), session.path("tools").size(),
					session.path("tools").valueStream().map((tool) -> tool.path("name").asString("?")).toList());
			ObjectNode updated = session.isObject() ? ((ObjectNode) session).deepCopy() : json.createObjectNode();
			updated.put("id", "sess_standin_" + this.number).put("object", "realtime.session");
			send(event("session.updated").set("session", updated));
		}

		private void heard(String base64) {
			byte[] audio;
			try {
				audio = Base64.getDecoder().decode(base64);
			}
			catch (IllegalArgumentException ex) {
				error("invalid_value", "audio is not base64");
				return;
			}
			for (int from = 0; from < audio.length; from += MediaStream.FRAME_BYTES) {
				frame(Arrays.copyOfRange(audio, from, Math.min(audio.length, from + MediaStream.FRAME_BYTES)));
				this.audioMs += MediaStream.FRAME_MILLISECONDS;
			}
		}

		private void frame(byte[] mulaw) {
			long level = 0;
			for (byte code : mulaw) {
				level += Math.abs(MuLaw.decode(code));
			}
			boolean loud = level / Math.max(1, mulaw.length) > SPEECH_LEVEL;
			if (loud) {
				this.quietFrames = 0;
				if (this.speechItemId == null && ++this.loudFrames >= SPEECH_START_FRAMES) {
					this.speechItemId = nextItemId();
					this.speechStartMs = this.audioMs - (SPEECH_START_FRAMES - 1) * MediaStream.FRAME_MILLISECONDS;
					log("caller speech started at %d ms", this.speechStartMs);
					send(event("input_audio_buffer.speech_started").put("audio_start_ms", this.speechStartMs)
						.put("item_id", this.speechItemId));
				}
				return;
			}
			this.loudFrames = 0;
			if (this.speechItemId != null && ++this.quietFrames >= SPEECH_STOP_FRAMES) {
				speechStopped();
			}
		}

		private void speechStopped() {
			String itemId = this.speechItemId;
			long endMs = this.audioMs - (SPEECH_STOP_FRAMES - 1) * MediaStream.FRAME_MILLISECONDS;
			this.speechItemId = null;
			this.quietFrames = 0;
			log("caller speech stopped at %d ms", endMs);
			send(event("input_audio_buffer.speech_stopped").put("audio_end_ms", endMs).put("item_id", itemId));
			send(event("input_audio_buffer.committed").put("previous_item_id", this.lastItemId).put("item_id", itemId));
			ObjectNode item = json.createObjectNode().put("id", itemId).put("type", "message").put("role", "user");
			item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
			placeItem(item);
			StandInScript.Turn turn = RealtimeStandIn.this.script.turn(this.turns++, endMs - this.speechStartMs);
			if (turn.call() != null) {
				callTool(turn, itemId);
			}
			else {
				speak(turn.say(), itemId, turn.caller());
			}
		}

		private void responseCreate(JsonNode response) {
			if (this.toolOutput != null) {
				String output = this.toolOutput;
				StandInScript.Turn turn = this.awaitedTurn;
				this.toolOutput = null;
				this.awaitedTurn = null;
				speak((turn.then() != null) ? turn.then() : readOut(turn.call().name(), output), null, null);
			}
			else if (this.responses == 0) {
				speak(RealtimeStandIn.this.script.greeting(), null, null);
			}
			else {
				// A request with instructions of its own (are you still there, goodbye):
				// the
				// stand-in says what it was asked to say.
				String instructions = response.path("instructions").asString("");
				speak(instructions.isBlank() ? "Is there anything else I can help you with?" : instructions, null,
						null);
			}
		}

		/**
		 * One spoken response; the caller's transcription, if any, after its first audio.
		 */
		private void speak(String text, String callerItemId, String callerTranscript) {
			String responseId = "resp_standin_" + this.number + "_" + ++this.responses;
			String itemId = nextItemId();
			log("response %s says: %s", responseId, text);
			send(event("response.created").set("response", response(responseId, "in_progress")));
			ObjectNode item = json.createObjectNode()
				.put("id", itemId)
				.put("type", "message")
				.put("role", "assistant")
				.put("status", "in_progress");
			item.putArray("content");
			send(event("response.output_item.added").put("response_id", responseId)
				.put("output_index", 0)
				.set("item", item));
			placeItem(item);
			byte[] audio = SpeechSound.saying(text);
			for (int from = 0; from < audio.length; from += DELTA_BYTES) {
				byte[] delta = Arrays.copyOfRange(audio, from, Math.min(audio.length, from + DELTA_BYTES));
				this.generatedMs.merge(itemId, (long) delta.length / 8, Long::sum);
				send(content("response.output_audio.delta", responseId, itemId).put("delta",
						Base64.getEncoder().encodeToString(delta)));
				if (from == 0) {
					send(content("response.output_audio_transcript.delta", responseId, itemId).put("delta", text));
					if (callerItemId != null) {
						log("caller said (transcription): %s", callerTranscript);
						send(event("conversation.item.input_audio_transcription.completed").put("item_id", callerItemId)
							.put("content_index", 0)
							.put("transcript", callerTranscript));
					}
				}
			}
			send(content("response.output_audio.done", responseId, itemId));
			send(content("response.output_audio_transcript.done", responseId, itemId).put("transcript", text));
			ObjectNode done = item.deepCopy().put("status", "completed");
			done.putArray("content").addObject().put("type", "output_audio").put("transcript", text);
			finish(responseId, done);
		}

		/** One response that calls a tool and waits for its output. */
		private void callTool(StandInScript.Turn turn, String callerItemId) {
			String responseId = "resp_standin_" + this.number + "_" + ++this.responses;
			String itemId = nextItemId();
			String callId = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
			StandInScript.ToolCall call = turn.call();
			log("response %s calls %s %s (call_id %s)", responseId, call.name(), call.arguments(), callId);
			send(event("response.created").set("response", response(responseId, "in_progress")));
			ObjectNode item = json.createObjectNode()
				.put("id", itemId)
				.put("type", "function_call")
				.put("status", "in_progress")
				.put("call_id", callId)
				.put("name", call.name())
				.put("arguments", "");
			send(event("response.output_item.added").put("response_id", responseId)
				.put("output_index", 0)
				.set("item", item));
			placeItem(item);
			log("caller said (transcription): %s", turn.caller());
			send(event("conversation.item.input_audio_transcription.completed").put("item_id", callerItemId)
				.put("content_index", 0)
				.put("transcript", turn.caller()));
			send(event("response.function_call_arguments.delta").put("response_id", responseId)
				.put("item_id", itemId)
				.put("output_index", 0)
				.put("call_id", callId)
				.put("delta", call.arguments()));
			send(event("response.function_call_arguments.done").put("response_id", responseId)
				.put("item_id", itemId)
				.put("output_index", 0)
				.put("call_id", callId)
				.put("name", call.name())
				.put("arguments", call.arguments()));
			this.awaitedCallId = callId;
			this.awaitedTurn = turn;
			finish(responseId, item.deepCopy().put("status", "completed").put("arguments", call.arguments()));
		}

		private void finish(String responseId, ObjectNode item) {
			send(event("response.output_item.done").put("response_id", responseId)
				.put("output_index", 0)
				.set("item", item));
			send(event("conversation.item.done").put("previous_item_id", previousOf(item)).set("item", item));
			ObjectNode response = response(responseId, "completed");
			response.putArray("output").add(item);
			send(event("response.done").set("response", response));
		}

		private void itemCreate(JsonNode item) {
			if (!item.isObject()) {
				error("invalid_value", "conversation.item.create needs an item");
				return;
			}
			ObjectNode created = ((ObjectNode) item).deepCopy();
			if (!created.path("id").isString()) {
				created.put("id", nextItemId());
			}
			if ("function_call_output".equals(created.path("type").asString(""))) {
				String callId = created.path("call_id").asString("");
				if (!callId.equals(this.awaitedCallId)) {
					error("invalid_value", "No function call with call_id '" + callId + "' is waiting for output");
					return;
				}
				this.awaitedCallId = null;
				this.toolOutput = created.path("output").asString("");
				log("tool output for %s: %s", callId, this.toolOutput);
			}
			else {
				log("item created: %s %s", created.path("type").asString("?"), created.path("role").asString(""));
			}
			placeItem(created);
			send(event("conversation.item.done").put("previous_item_id", previousOf(created)).set("item", created));
		}

		private void truncate(JsonNode event) {
			String itemId = event.path("item_id").asString("");
			long endMs = event.path("audio_end_ms").asLong(-1);
			Long generated = this.generatedMs.get(itemId);
			if (generated == null) {
				error("invalid_value", "No assistant audio item '" + itemId + "' to truncate");
			}
			else if (endMs < 0 || endMs > generated) {
				error("invalid_value", "audio_end_ms " + endMs + " is longer than the audio (" + generated + " ms)");
			}
			else {
				log("truncated %s at %d ms of %d ms generated (barge-in)", itemId, endMs, generated);
				send(event("conversation.item.truncated").put("item_id", itemId)
					.put("content_index", event.path("content_index").asInt(0))
					.put("audio_end_ms", endMs));
			}
		}

		private void placeItem(ObjectNode item) {
			send(event("conversation.item.added").put("previous_item_id", this.lastItemId).set("item", item));
			this.previousItems.put(item.path("id").asString(), this.lastItemId);
			this.lastItemId = item.path("id").asString();
		}

		private String previousOf(JsonNode item) {
			return this.previousItems.get(item.path("id").asString());
		}

		private String nextItemId() {
			return "item_standin_" + this.number + "_" + ++this.items;
		}

		private ObjectNode content(String type, String responseId, String itemId) {
			return event(type).put("response_id", responseId)
				.put("item_id", itemId)
				.put("output_index", 0)
				.put("content_index", 0);
		}

		private ObjectNode response(String id, String status) {
			return json.createObjectNode().put("id", id).put("object", "realtime.response").put("status", status);
		}

		private ObjectNode event(String type) {
			return json.createObjectNode().put("type", type).put("event_id", "event_" + UUID.randomUUID());
		}

		private void error(String code, String message) {
			log("error %s: %s", code, message);
			send(event("error").set("error",
					json.createObjectNode()
						.put("type", "invalid_request_error")
						.put("code", code)
						.put("message", message)));
		}

		private void send(ObjectNode event) {
			this.outgoing.tryEmitNext(json.writeValueAsString(event));
		}

		private void log(String format, Object... arguments) {
			RealtimeStandIn.this.log
				.println("[session " + this.number + "] " + String.format(Locale.ROOT, format, arguments));
		}

	}

}
