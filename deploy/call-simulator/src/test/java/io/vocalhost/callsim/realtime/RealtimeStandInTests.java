package io.vocalhost.callsim.realtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vocalhost.callsim.MediaStream;
import io.vocalhost.callsim.SpeechSound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Realtime stand-in that people run beside the local stack, driven as the bridge
 * drives it: over a WebSocket, with GA events.
 */
class RealtimeStandInTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	private RealtimeStandIn standIn;

	private Client client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
		this.standIn.close();
	}

	@Test
	void answersTheSessionAndSpeaksTheGreetingWithItsTranscript() throws Exception {
		start(StandInScript.standard());
		this.client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\","
				+ "\"audio\":{\"output\":{\"format\":{\"type\":\"audio/pcmu\"},\"voice\":\"alloy\"}}}}");
		JsonNode updated = this.client.next("session.updated");
		assertThat(updated.at("/session/audio/output/voice").asString()).isEqualTo("alloy");

		this.client.send("{\"type\":\"response.create\"}");
		List<JsonNode> response = this.client.until("response.done");
		long audioBytes = response.stream()
			.filter((event) -> event.path("type").asString().equals("response.output_audio.delta"))
			.mapToLong((event) -> Base64.getDecoder().decode(event.path("delta").asString()).length)
			.sum();
		assertThat(audioBytes).isEqualTo(SpeechSound.saying(StandInScript.DEFAULT_GREETING).length);
		assertThat(transcriptOf(response)).isEqualTo(StandInScript.DEFAULT_GREETING);
		assertThat(types(response)).startsWith("response.created").endsWith("response.done");
	}

	@Test
	void detectsTheCallersSpeechThenCallsTheScriptedToolAndSpeaksAfterItsOutput(@TempDir Path folder) throws Exception {
		Path script = folder.resolve("turns.json");
		Files.writeString(script, """
				{"greeting": "Hi.", "turns": [{"caller": "What do you have tomorrow?",
				  "call": {"name": "check_availability", "arguments": {"date": "tomorrow"}},
				  "then": "Tomorrow at ten is free."}]}
				""");
		start(StandInScript.read(script));
		configure();

		sendAudio(SpeechSound.mulaw(1000));
		JsonNode started = this.client.next("input_audio_buffer.speech_started");
		sendAudio(silence(400));
		assertThat(this.client.pending("input_audio_buffer.speech_stopped")).isFalse();
		sendAudio(silence(200));
		JsonNode committed = this.client.next("input_audio_buffer.committed");
		assertThat(committed.path("item_id").asString()).isEqualTo(started.path("item_id").asString());
		List<JsonNode> turn = this.client.until("response.done");
		JsonNode transcription = find(turn, "conversation.item.input_audio_transcription.completed");
		assertThat(transcription.path("item_id").asString()).isEqualTo(started.path("item_id").asString());
		assertThat(transcription.path("transcript").asString()).isEqualTo("What do you have tomorrow?");
		JsonNode call = find(turn, "response.function_call_arguments.done");
		assertThat(call.path("name").asString()).isEqualTo("check_availability");
		assertThat(json.readTree(call.path("arguments").asString()).path("date").asString()).isEqualTo("tomorrow");

		this.client.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\","
				+ "\"call_id\":\"call_other\",\"output\":\"{}\"}}");
		assertThat(this.client.next("error").at("/error/message").asString()).contains("call_other");
		this.client.send(json.writeValueAsString(json.createObjectNode()
			.put("type", "conversation.item.create")
			.set("item",
					json.createObjectNode()
						.put("type", "function_call_output")
						.put("call_id", call.path("call_id").asString())
						.put("output", "{\"free\":[\"10:00\"]}"))));
		this.client.send("{\"type\":\"response.create\"}");
		assertThat(transcriptOf(this.client.until("response.done"))).isEqualTo("Tomorrow at ten is free.");
	}

	@Test
	void refusesATruncationPastTheGeneratedAudioAsTheServiceDoes() throws Exception {
		start(StandInScript.standard());
		configure();
		this.client.send("{\"type\":\"response.create\"}");
		List<JsonNode> greeting = this.client.until("response.done");
		String itemId = find(greeting, "response.output_audio.delta").path("item_id").asString();
		long generatedMs = SpeechSound.saying(StandInScript.DEFAULT_GREETING).length / 8;

		this.client.send(truncate(itemId, generatedMs + 20));
		assertThat(this.client.next("error").at("/error/message").asString()).contains("longer than the audio");
		this.client.send(truncate(itemId, generatedMs));
		assertThat(this.client.next("conversation.item.truncated").path("audio_end_ms").asLong())
			.isEqualTo(generatedMs);
	}

	@Test
	void refusesAConnectionWithoutAnApiKey() {
		start(StandInScript.standard());
		assertThatThrownBy(() -> HttpClient.create()
			.websocket()
			.uri(this.standIn.url())
			.handle((in, out) -> in.receive().then())
			.blockLast(Duration.ofSeconds(10))).hasMessageContaining("401");
	}

	private void start(StandInScript script) {
		this.standIn = new RealtimeStandIn("127.0.0.1", 0, script,
				new PrintStream(this.log, true, StandardCharsets.UTF_8));
		this.client = new Client(this.standIn.url());
	}

	private void configure() throws InterruptedException {
		this.client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
		this.client.next("session.updated");
	}

	private void sendAudio(byte[] mulaw) {
		for (int from = 0; from < mulaw.length; from += MediaStream.FRAME_BYTES) {
			byte[] frame = Arrays.copyOfRange(mulaw, from, from + MediaStream.FRAME_BYTES);
			this.client.send("{\"type\":\"input_audio_buffer.append\",\"audio\":\""
					+ Base64.getEncoder().encodeToString(frame) + "\"}");
		}
	}

	private static byte[] silence(int milliseconds) {
		byte[] silence = new byte[milliseconds * 8];
		Arrays.fill(silence, (byte) 0xFF);
		return silence;
	}

	private static String truncate(String itemId, long audioEndMs) {
		return "{\"type\":\"conversation.item.truncate\",\"item_id\":\"" + itemId
				+ "\",\"content_index\":0,\"audio_end_ms\":" + audioEndMs + "}";
	}

	private static String transcriptOf(List<JsonNode> events) {
		return find(events, "response.output_audio_transcript.done").path("transcript").asString();
	}

	private static JsonNode find(List<JsonNode> events, String type) {
		return events.stream()
			.filter((event) -> event.path("type").asString().equals(type))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type + " in " + types(events)));
	}

	private static List<String> types(List<JsonNode> events) {
		return events.stream().map((event) -> event.path("type").asString()).toList();
	}

	/**
	 * The bridge's end of the socket: what it sends, and every event received in order.
	 */
	private static final class Client implements AutoCloseable {

		private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();

		private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

		private final Disposable connection;

		Client(String url) {
			this.connection = HttpClient.create()
				.headers((headers) -> headers.set("Authorization", "Bearer test-key"))
				.websocket()
				.uri(url)
				.handle((in, out) -> out.sendString(this.outgoing.asFlux())
					.then()
					.and(in.receive().asString().doOnNext((text) -> this.received.add(json.readTree(text)))))
				.subscribe();
		}

		synchronized void send(String event) {
			this.outgoing.tryEmitNext(event);
		}

		/** The next event of the type, skipping the others. */
		JsonNode next(String type) throws InterruptedException {
			return until(type).getLast();
		}

		/** The events up to and including the next one of the type. */
		List<JsonNode> until(String type) throws InterruptedException {
			List<JsonNode> events = new ArrayList<>();
			while (true) {
				JsonNode event = this.received.poll(10, TimeUnit.SECONDS);
				if (event == null) {
					throw new AssertionError("No " + type + " within 10 s; received " + types(events));
				}
				events.add(event);
				if (event.path("type").asString().equals(type)) {
					return events;
				}
			}
		}

		/** Whether an event of the type has arrived (waiting 300 ms for one). */
		boolean pending(String type) throws InterruptedException {
			Thread.sleep(300);
			return this.received.stream().anyMatch((event) -> event.path("type").asString().equals(type));
		}

		@Override
		public void close() {
			this.connection.dispose();
		}

	}

}
