package io.vocalhost.voicebridge.stream;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.vocalhost.callsim.CallSimulator;
import io.vocalhost.callsim.MuLaw;
import io.vocalhost.callsim.TwilioSigner;
import io.vocalhost.callsim.Wav;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TopicWatcher;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.call.Calls;
import io.vocalhost.voicebridge.twilio.TwilioWebhookClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.vocalhost.voicebridge.relay.MediaStreamFrames.added;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.committed;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.delta;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.mark;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.media;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.payload;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.start;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.transcribed;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.transcriptDelta;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.transcriptDone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call end to end through the bridge: Twilio's signed webhook, its media stream (a
 * client at the wire protocol) and the Realtime API (a server stand-in at the wire
 * protocol). The bridge believes it is reached at an https public URL while the test
 * talks to it on localhost, as behind a TLS-terminating proxy. Also the call's transcript
 * as {@code GET /api/calls/{id}} shows it, its events on Kafka, and the calls API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class VoiceCallIntegrationTests {

	private static final String PUBLIC_URL = "https://voice.example.com";

	private static final String AUTH_TOKEN = "test-twilio-token";

	private static final long OWNER = 7001;

	private static final long STRANGER = 7002;

	private static final RealtimeStandIn realtime = new RealtimeStandIn();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern STREAM = Pattern.compile(
			"<Stream url=\"wss://voice\\.example\\.com/ws/call/([0-9a-f-]+)\"><Parameter name=\"token\" value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	@Autowired
	private Assistants assistants;

	@Autowired
	private Calls calls;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void voice(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.public-url", () -> PUBLIC_URL);
		registry.add("vocalhost.voice.twilio-auth-token", () -> AUTH_TOKEN);
		registry.add("vocalhost.voice.openai-api-key", () -> "sk-test");
		registry.add("vocalhost.voice.realtime-url", realtime::url);
		registry.add("vocalhost.voice.stream-token-ttl", () -> "5s");
		// Every call here is one owner's; CallCapIntegrationTests covers the cap.
		registry.add("vocalhost.plans.free.concurrent-calls", () -> "100");
	}

	@AfterAll
	static void stopStandIn() {
		realtime.close();
	}

	@Test
	void webhookWithoutOrWithAWrongSignatureIs403JsonAndStoresNothing() throws Exception {
		String number = assistant("active", "+15550009999");
		Map<String, String> form = TwilioWebhookClient.incomingCall("CA" + UUID.randomUUID(), number);
		HttpResponse<String> unsigned = post("/voice/voice", form, null);
		assertThat(unsigned.statusCode()).isEqualTo(403);
		assertThat(json.readTree(unsigned.body()).propertyNames()).containsExactly("error", "details");
		String signedForLocalhost = new TwilioSigner(AUTH_TOKEN).sign("http://localhost:" + this.port + "/voice/voice",
				form);
		assertThat(post("/voice/voice", form, signedForLocalhost).statusCode()).isEqualTo(403);
		assertThat(post("/voice/status", Map.of("CallSid", form.get("CallSid")), "bad").statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT count(*) FROM call WHERE call_sid = ?")
			.param(form.get("CallSid"))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void unknownNumberSuspendedAssistantAndMissingFieldsGetTheFallback() throws Exception {
		String unknownSid = "CA" + UUID.randomUUID();
		assertThat(signedPost("/voice/voice", TwilioWebhookClient.incomingCall(unknownSid, "+1999" + randomDigits()))
			.body()).contains("<Say>", "<Hangup/>").doesNotContain("<Connect");
		assertThat(endReason(unknownSid)).isEqualTo("REJECTED_NOT_ALLOWED");
		String suspended = assistant("suspended", "+15550001111");
		String suspendedSid = "CA" + UUID.randomUUID();
		assertThat(signedPost("/voice/voice", TwilioWebhookClient.incomingCall(suspendedSid, suspended)).body())
			.contains("<Say>", "<Dial>+15550001111</Dial>")
			.doesNotContain("<Connect");
		assertThat(endReason(suspendedSid)).isEqualTo("REJECTED_NOT_ALLOWED");
		assertThat(signedPost("/voice/status",
				Map.of("CallSid", suspendedSid, "CallStatus", "completed", "CallDuration", "3"))
			.statusCode()).isEqualTo(200);
		assertThat(this.calls.find(UUID.fromString(this.jdbc.sql("SELECT id::text FROM call WHERE call_sid = ?")
			.param(suspendedSid)
			.query(String.class)
			.single()))).hasValueSatisfying((call) -> {
				assertThat(call.twilioStatus()).isEqualTo("completed");
				assertThat(call.durationSeconds()).isEqualTo(3);
			});
		Map<String, String> missing = new LinkedHashMap<>(
				TwilioWebhookClient.incomingCall("CA" + UUID.randomUUID(), suspended));
		missing.remove("From");
		HttpResponse<String> response = signedPost("/voice/voice", missing);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("<Say>", "<Hangup/>").doesNotContain("<Connect");
	}

	@Test
	void aCallIsBridgedBothWaysWithTheGreetingAndBargeIn() throws Exception {
		String number = assistant("active", "+15550002222");
		String callSid = "CA" + UUID.randomUUID();
		HttpResponse<String> answer = signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number));
		assertThat(answer.statusCode()).isEqualTo(200);
		Matcher stream = STREAM.matcher(answer.body());
		assertThat(stream.find()).as(answer.body()).isTrue();
		assertThat(answer.body()).containsSubsequence("</Connect>", "<Say>", "<Dial>+15550002222</Dial>");
		String callId = stream.group(1);
		int before = realtime.connections.size();

		TwilioStreamClient twilio = new TwilioStreamClient(streamUri(callId));
		twilio.send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
		twilio.send(start("MZ" + callSid, stream.group(2)));
		List<String> early = List.of(payload(1), payload(2), payload(3));
		early.forEach((audio) -> twilio.send(media("MZ" + callSid, audio)));

		await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.size() == before + 1);
		RealtimeStandIn.Connection upstream = realtime.connections.get(before);
		assertThat(upstream.authorization).isEqualTo("Bearer sk-test");
		assertThat(upstream.uri).endsWith("?model=gpt-realtime");
		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.types().contains("response.create"));
		assertThat(upstream.types().get(0)).isEqualTo("session.update");
		JsonNode session = upstream.frames.get(0).path("session");
		assertThat(session.at("/audio/input/format/type").asString()).isEqualTo("audio/pcmu");
		assertThat(session.path("instructions").asString()).contains("Bella's Bistro");
		assertThat(upstream.frames.stream()
			.filter((frame) -> frame.path("type").asString().equals("input_audio_buffer.append"))
			.map((frame) -> frame.path("audio").asString())
			.toList()).containsExactlyElementsOf(early);
		assertThat(upstream.types().indexOf("response.create"))
			.isGreaterThan(upstream.types().indexOf("session.update"));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.events("media").size() == RealtimeStandIn.GREETING_CHUNKS);
		assertThat(twilio.events("media").stream().map((frame) -> frame.at("/media/payload").asString()).toList())
			.containsExactly(upstream.greetingChunk(0), upstream.greetingChunk(1), upstream.greetingChunk(2));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.events("mark").size() == RealtimeStandIn.GREETING_CHUNKS);
		assertThat(twilio.events("clear")).isEmpty();

		twilio.send(media("MZ" + callSid, payload(4)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> upstream.frames.stream()
				.anyMatch((frame) -> payload(4).equals(frame.path("audio").asString())));

		twilio.send(mark("MZ" + callSid, twilio.events("mark").get(0).at("/mark/name").asString()));
		twilio.send(media("MZ" + callSid, payload(5)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> upstream.frames.stream()
				.anyMatch((frame) -> payload(5).equals(frame.path("audio").asString())));
		upstream.speechStarted();
		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.types().contains("conversation.item.truncate"));
		JsonNode truncate = upstream.frames.stream()
			.filter((frame) -> frame.path("type").asString().equals("conversation.item.truncate"))
			.findFirst()
			.orElseThrow();
		assertThat(truncate.path("item_id").asString()).isEqualTo(RealtimeStandIn.GREETING_ITEM);
		assertThat(truncate.path("audio_end_ms").asLong()).isEqualTo(20);
		await().atMost(Duration.ofSeconds(10)).until(() -> twilio.events("clear").size() == 1);
		assertThat(upstream.errors).isEmpty();

		twilio.send(
				"{\"event\":\"stop\",\"streamSid\":\"MZ" + callSid + "\",\"stop\":{\"callSid\":\"" + callSid + "\"}}");
		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closed && twilio.closed);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.calls.find(UUID.fromString(callId)).orElseThrow().endReason())
				.isEqualTo("CALLER_HUNG_UP"));
	}

	/**
	 * What Twilio never sends is logged and ignored without disturbing the call: a binary
	 * frame, a malformed message, an unknown event, media for another stream, a second
	 * {@code start}. A 10 MB text frame is over the socket's frame limit: that call ends
	 * cleanly, its upstream socket closed and its end recorded.
	 */
	@Test
	void badFramesAreIgnoredAndAnOversizedOneEndsTheCallCleanly() throws Exception {
		String number = assistant("active", "+15550002299");
		String callSid = "CA" + UUID.randomUUID();
		Matcher stream = STREAM
			.matcher(signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number)).body());
		assertThat(stream.find()).isTrue();
		String callId = stream.group(1);
		int before = realtime.connections.size();
		TwilioStreamClient twilio = new TwilioStreamClient(streamUri(callId));
		twilio.send(start("MZ" + callSid, stream.group(2)));
		await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.size() == before + 1);
		RealtimeStandIn.Connection upstream = realtime.connections.get(before);
		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.types().contains("response.create"));

		twilio.sendBinary(new byte[] { 1, 2, 3 });
		twilio.send("{not json");
		twilio.send("[1,2]");
		twilio.send("{\"event\":\"teleport\"}");
		twilio.send(media("MZ-another-stream", payload(40)));
		twilio.send(start("MZ-second", stream.group(2)));
		twilio.send(media("MZ" + callSid, payload(41)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> upstream.frames.stream()
				.anyMatch((frame) -> payload(41).equals(frame.path("audio").asString())));
		assertThat(upstream.frames).noneMatch((frame) -> payload(40).equals(frame.path("audio").asString()));
		assertThat(twilio.closed).isFalse();
		assertThat(realtime.connections).hasSize(before + 1);

		twilio.send("{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(10 * 1024 * 1024) + "\"}}");
		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.closed && upstream.closed);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.calls.find(UUID.fromString(callId)).orElseThrow().endReason()).isNotNull());
	}

	@Test
	void fiftyConcurrentCallsRelayByteIdenticalBothWaysWithoutCrossTalk() throws Exception {
		int calls = 50;
		String number = assistant("active", "+15550005555");
		int before = realtime.connections.size();
		List<TwilioStreamClient> clients = new ArrayList<>();
		for (int call = 0; call < calls; call++) {
			Matcher stream = STREAM
				.matcher(signedPost("/voice/voice", TwilioWebhookClient.incomingCall("CA" + UUID.randomUUID(), number))
					.body());
			assertThat(stream.find()).isTrue();
			TwilioStreamClient client = new TwilioStreamClient(streamUri(stream.group(1)));
			client.send(start("MZ" + call, stream.group(2)));
			for (int frame = 0; frame < 5; frame++) {
				client.send(media("MZ" + call, tagged(call, frame)));
			}
			clients.add(client);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> realtime.connections.size() == before + calls && realtime.connections.stream()
				.skip(before)
				.allMatch((connection) -> appended(connection).size() == 5));
		for (int call = 0; call < calls; call++) {
			int caller = call;
			List<String> sent = IntStream.range(0, 5).mapToObj((frame) -> tagged(caller, frame)).toList();
			List<RealtimeStandIn.Connection> carrying = realtime.connections.stream()
				.skip(before)
				.filter((connection) -> appended(connection).contains(sent.get(0)))
				.toList();
			assertThat(carrying).hasSize(1);
			RealtimeStandIn.Connection upstream = carrying.get(0);
			assertThat(appended(upstream)).containsExactlyElementsOf(sent);
			TwilioStreamClient client = clients.get(call);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> client.events("media").size() == RealtimeStandIn.GREETING_CHUNKS);
			assertThat(client.events("media").stream().map((frame) -> frame.at("/media/payload").asString()).toList())
				.containsExactly(upstream.greetingChunk(0), upstream.greetingChunk(1), upstream.greetingChunk(2));
		}
		clients.forEach(TwilioStreamClient::hangUp);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> realtime.connections.stream().skip(before).allMatch((connection) -> connection.closed));
	}

	private static List<String> appended(RealtimeStandIn.Connection connection) {
		return connection.frames.stream()
			.filter((frame) -> frame.path("type").asString().equals("input_audio_buffer.append"))
			.map((frame) -> frame.path("audio").asString())
			.toList();
	}

	/** 20 ms of μ-law tagged with its call and frame. */
	private static String tagged(int call, int frame) {
		byte[] audio = new byte[160];
		audio[0] = (byte) frame;
		audio[1] = (byte) call;
		audio[2] = 0x7f;
		return Base64.getEncoder().encodeToString(audio);
	}

	@Test
	void aStreamWithoutItsTokenIsClosedAndOpensNoUpstream() throws Exception {
		String number = assistant("active", "+15550003333");
		Matcher first = STREAM.matcher(
				signedPost("/voice/voice", TwilioWebhookClient.incomingCall("CA" + UUID.randomUUID(), number)).body());
		Matcher second = STREAM.matcher(
				signedPost("/voice/voice", TwilioWebhookClient.incomingCall("CA" + UUID.randomUUID(), number)).body());
		assertThat(first.find() && second.find()).isTrue();
		int before = realtime.connections.size();

		assertRefused(first.group(1), null);
		assertRefused(first.group(1), "not-the-token");
		assertRefused(first.group(1), second.group(2));
		assertThat(realtime.connections).hasSize(before);

		TwilioStreamClient accepted = new TwilioStreamClient(streamUri(first.group(1)));
		accepted.send(start("MZ1", first.group(2)));
		await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.size() == before + 1);
		accepted.hangUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.get(before).closed);

		assertRefused(first.group(1), first.group(2));
		assertThat(realtime.connections).hasSize(before + 1);
	}

	private void assertRefused(String callId, String token) {
		TwilioStreamClient twilio = new TwilioStreamClient(streamUri(callId));
		twilio.send((token != null) ? start("MZ1", token)
				: "{\"event\":\"start\",\"streamSid\":\"MZ1\",\"start\":{\"callSid\":\"CA1\",\"customParameters\":{}}}");
		await().atMost(Duration.ofSeconds(1)).until(() -> twilio.closed);
	}

	private URI streamUri(String callId) {
		return URI.create("ws://localhost:" + this.port + "/ws/call/" + callId);
	}

	@Test
	void theCallSimulatorSendsItsWavAsMuLawAndWritesTheGreetingToTheReplyWav(@TempDir Path folder) throws Exception {
		String number = assistant("active", null);
		short[] question = new short[8000];
		for (int i = 0; i < question.length; i++) {
			question[i] = (short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 12000);
		}
		Path audio = folder.resolve("question.wav");
		Wav.writePhoneAudio(audio, question);
		Path reply = folder.resolve("reply.wav");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();

		int exitCode = new CallSimulator(
				new CallSimulator.Options(URI.create("http://localhost:" + this.port), PUBLIC_URL, AUTH_TOKEN,
						"+15557654321", number, audio, reply, Duration.ofSeconds(2)),
				new PrintStream(printed, true, StandardCharsets.UTF_8))
			.run();

		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(exitCode).as(output).isZero();
		assertThat(output).contains("Stream open", "The assistant speaks", "Hanging up: stop", "Wrote " + reply);
		RealtimeStandIn.Connection upstream = realtime.connections.getLast();
		byte[] greeting = new byte[RealtimeStandIn.GREETING_CHUNKS * 160];
		for (int chunk = 0; chunk < RealtimeStandIn.GREETING_CHUNKS; chunk++) {
			System.arraycopy(Base64.getDecoder().decode(upstream.greetingChunk(chunk)), 0, greeting, chunk * 160, 160);
		}
		assertThat(Wav.readPhoneAudio(reply)).containsExactly(MuLaw.decode(greeting));
		List<String> appended = upstream.frames.stream()
			.filter((frame) -> frame.path("type").asString().equals("input_audio_buffer.append"))
			.map((frame) -> frame.path("audio").asString())
			.toList();
		assertThat(appended).hasSizeGreaterThan(50);
		assertThat(appended.subList(0, 50)).containsExactly(muLawFrames(question, 50));
		assertThat(upstream.types()).first().isEqualTo("session.update");
		assertThat(upstream.frames.stream().map((JsonNode frame) -> frame.path("type").asString()))
			.doesNotContain("conversation.item.truncate");
	}

	private static String[] muLawFrames(short[] samples, int count) {
		byte[] mulaw = MuLaw.encode(samples);
		String[] frames = new String[count];
		for (int i = 0; i < count; i++) {
			frames[i] = Base64.getEncoder().encodeToString(Arrays.copyOfRange(mulaw, i * 160, (i + 1) * 160));
		}
		return frames;
	}

	private String assistant(String status, String businessPhone) {
		long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		String number = "+1555" + randomDigits();
		this.assistants.apply(new AssistantSnapshot(id, 7, "Ava", "Bella's Bistro", "Italian food", "Europe/Paris",
				List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30, "female",
				"Hello, Bella's Bistro!", businessPhone, number, status), Instant.now());
		return number;
	}

	private static String randomDigits() {
		return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
	}

	private TwilioWebhookClient webhooks() {
		return new TwilioWebhookClient(this.port, PUBLIC_URL, AUTH_TOKEN);
	}

	private HttpResponse<String> signedPost(String path, Map<String, String> form) throws Exception {
		return webhooks().signedPost(path, form);
	}

	private HttpResponse<String> post(String path, Map<String, String> form, String signature) throws Exception {
		return webhooks().post(path, form, signature);
	}

	private String endReason(String callSid) {
		return this.jdbc.sql("SELECT end_reason FROM call WHERE call_sid = ?")
			.param(callSid)
			.query(String.class)
			.single();
	}

	@Test
	void theTranscriptIsStoredInConversationOrderAndTheCallsEventsArePublished() throws Exception {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String number = activeAssistant(assistantId);
		String callSid = "CA" + UUID.randomUUID();
		String streamSid = "MZ" + callSid;
		try (TopicWatcher callEvents = TopicWatcher.on(Topics.CALL_EVENTS)) {
			Matcher stream = STREAM.matcher(
					webhooks().signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number)).body());
			assertThat(stream.find()).isTrue();
			String callId = stream.group(1);
			int before = realtime.connections.size();
			TwilioStreamClient twilio = new TwilioStreamClient(streamUri(callId));
			twilio.send(start(streamSid, stream.group(2)));
			await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.size() > before);
			RealtimeStandIn.Connection upstream = realtime.connections.get(before);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> twilio.events("mark").size() == RealtimeStandIn.GREETING_CHUNKS);

			// The greeting: 20 of its 60 ms are played before the caller speaks.
			upstream.emit(added(RealtimeStandIn.GREETING_ITEM, null, "assistant"));
			upstream.emit(transcriptDone(RealtimeStandIn.GREETING_ITEM,
					"Hello, you have reached Bella's Bistro. How can I help?"));
			twilio.send(mark(streamSid, twilio.events("mark").get(0).at("/mark/name").asString()));
			twilio.send(media(streamSid, payload(1)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> upstream.frames.stream()
					.anyMatch((frame) -> payload(1).equals(frame.path("audio").asString())));
			upstream.speechStarted();
			await().atMost(Duration.ofSeconds(10)).until(() -> twilio.events("clear").size() == 1);

			// The caller's words are transcribed only after the whole reply.
			upstream.emit(committed("item_caller", RealtimeStandIn.GREETING_ITEM));
			upstream.emit(added("item_caller", RealtimeStandIn.GREETING_ITEM, "user"));
			upstream.emit(added("item_reply", "item_caller", "assistant"));
			upstream.emit(transcriptDelta("item_reply", "We open "));
			upstream.emit(transcriptDelta("item_reply", "at nine."));
			upstream.emit(transcriptDone("item_reply", "We open at nine."));
			upstream.emit(transcribed("item_caller", "When do you open?"));
			upstream.emit(delta("item_reply", payload(2)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> twilio.events("media").size() == RealtimeStandIn.GREETING_CHUNKS + 1);

			twilio.send("{\"event\":\"stop\",\"streamSid\":\"" + streamSid + "\",\"stop\":{\"callSid\":\"" + callSid
					+ "\"}}");
			await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closed && twilio.closed);

			List<ConsumerRecord<String, String>> events = callEvents.awaitKeyed(callId, 2);
			assertThat(events).extracting(TopicWatcher::type).containsExactly("call-started", "call-completed");
			JsonNode started = json.readTree(events.get(0).value());
			assertThat(started.path("callSid").asString()).isEqualTo(callSid);
			assertThat(started.path("assistantId").asLong()).isEqualTo(assistantId);
			assertThat(started.path("ownerId").asLong()).isEqualTo(OWNER);
			assertThat(started.path("callerPhone").asString()).isEqualTo("+15557654321");
			JsonNode completed = json.readTree(events.get(1).value());
			assertThat(completed.path("endReason").asString()).isEqualTo("CALLER_HUNG_UP");
			assertThat(completed.path("durationSeconds").isIntegralNumber()).isTrue();
			assertThat(completed.path("endedAt").asString()).isNotBlank();

			HttpResponse<String> mine = TestHttp.at(this.port).asUser(OWNER).get("/api/calls/" + callId);
			assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
			JsonNode call = json.readTree(mine.body());
			assertThat(call.path("end_reason").asString()).isEqualTo("CALLER_HUNG_UP");
			assertThat(call.path("caller").asString()).isEqualTo("+15557654321");
			assertThat(call.path("messages")
				.valueStream()
				.map((message) -> message.path("role").asString() + ": " + message.path("text").asString())
				.toList()).containsExactly("assistant: Hello, you have", "caller: When do you open?",
						"assistant: We open at nine.");
			assertThat(call.path("messages").valueStream().map((message) -> message.path("seq").asInt()).toList())
				.containsExactly(1, 2, 3);

			HttpResponse<String> list = TestHttp.at(this.port)
				.asUser(OWNER)
				.get("/api/calls?assistant_id=" + assistantId);
			assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
			JsonNode page = json.readTree(list.body());
			assertThat(page.path("total").asLong()).isEqualTo(1);
			assertThat(page.path("calls").get(0).path("id").asString()).isEqualTo(callId);
			assertThat(page.path("calls").get(0).path("duration_seconds").isIntegralNumber()).isTrue();
		}
	}

	@Test
	void theTranscriptIsKeptWhenTwilioDropsTheSocketWithoutAStop() throws Exception {
		String number = activeAssistant(ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L));
		String callSid = "CA" + UUID.randomUUID();
		Matcher stream = STREAM
			.matcher(signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number)).body());
		assertThat(stream.find()).isTrue();
		String callId = stream.group(1);
		int before = realtime.connections.size();
		TwilioStreamClient twilio = new TwilioStreamClient(streamUri(callId));
		twilio.send(start("MZ" + callSid, stream.group(2)));
		await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.size() > before);
		RealtimeStandIn.Connection upstream = realtime.connections.get(before);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.events("media").size() == RealtimeStandIn.GREETING_CHUNKS);
		upstream.emit(added("item_caller", null, "user"));
		upstream.emit(transcribed("item_caller", "Is anyone there?"));
		upstream.emit(delta("item_caller_reply", payload(3)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.events("media").size() == RealtimeStandIn.GREETING_CHUNKS + 1);

		twilio.hangUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closed);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode call = json.readTree(TestHttp.at(this.port).asUser(OWNER).get("/api/calls/" + callId).body());
			assertThat(call.path("end_reason").asString()).isEqualTo("CALLER_HUNG_UP");
			assertThat(call.path("messages").valueStream().map((message) -> message.path("text").asString()))
				.containsExactly("Is anyone there?");
		});
	}

	@Test
	void aStreamForAnAssistantDeletedSinceTheWebhookIsClosedAndTheCallEnded() throws Exception {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String callSid = "CA" + UUID.randomUUID();
		Matcher stream = STREAM
			.matcher(signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, activeAssistant(assistantId)))
				.body());
		assertThat(stream.find()).isTrue();
		this.assistants.remove(assistantId);
		int before = realtime.connections.size();
		TwilioStreamClient twilio = new TwilioStreamClient(streamUri(stream.group(1)));
		twilio.send(start("MZ" + callSid, stream.group(2)));
		await().atMost(Duration.ofSeconds(10)).until(() -> twilio.closed);
		assertThat(endReason(callSid)).isEqualTo("REJECTED_NOT_ALLOWED");
		assertThat(realtime.connections).hasSize(before);
	}

	@Test
	void anotherOwnersCallOrAssistantIsNotFoundAndNoTokenIs401() throws Exception {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String callId = rejectedCall(assistantId);

		assertThat(TestHttp.at(this.port).asUser(OWNER).get("/api/calls/" + callId).statusCode()).isEqualTo(200);
		HttpResponse<String> stranger = TestHttp.at(this.port).asUser(STRANGER).get("/api/calls/" + callId);
		assertThat(stranger.statusCode()).isEqualTo(404);
		assertThat(json.readTree(stranger.body()).propertyNames()).containsExactly("error", "details");
		assertThat(TestHttp.at(this.port).asUser(STRANGER).get("/api/calls?assistant_id=" + assistantId).statusCode())
			.isEqualTo(404);
		JsonNode strangersCalls = json.readTree(TestHttp.at(this.port).asUser(STRANGER).get("/api/calls").body());
		assertThat(strangersCalls.path("calls").valueStream().map((call) -> call.path("id").asString()))
			.doesNotContain(callId);
		assertThat(TestHttp.at(this.port).asUser(OWNER).get("/api/calls/not-a-call").statusCode()).isEqualTo(404);

		HttpResponse<String> anonymous = TestHttp.at(this.port).get("/api/calls/" + callId);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(json.readTree(anonymous.body()).propertyNames()).containsExactly("error", "details");
		assertThat(TestHttp.at(this.port).get("/api/calls").statusCode()).isEqualTo(401);
	}

	@Test
	void callsAreListedNewestFirstPagedAndBetweenDatesOfTheAssistantsZone() throws Exception {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String first = rejectedCall(assistantId);
		String second = rejectedCall(assistantId);
		String third = rejectedCall(assistantId);
		String query = "/api/calls?assistant_id=" + assistantId;

		JsonNode all = json.readTree(TestHttp.at(this.port).asUser(OWNER).get(query).body());
		assertThat(all.path("calls").valueStream().map((call) -> call.path("id").asString()).toList())
			.containsExactly(third, second, first);
		assertThat(all.path("calls").get(0).path("end_reason").asString()).isEqualTo("REJECTED_NOT_ALLOWED");
		JsonNode secondPage = json.readTree(TestHttp.at(this.port).asUser(OWNER).get(query + "&size=2&page=1").body());
		assertThat(secondPage.path("calls").valueStream().map((call) -> call.path("id").asString()).toList())
			.containsExactly(first);
		assertThat(secondPage.path("total").asLong()).isEqualTo(3);
		assertThat(secondPage.path("size").asInt()).isEqualTo(2);

		String today = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).toString();
		String yesterday = LocalDate.parse(today).minusDays(1).toString();
		assertThat(json.readTree(
				TestHttp.at(this.port).asUser(OWNER).get(query + "&start_date=" + today + "&end_date=" + today).body())
			.path("total")
			.asLong()).isEqualTo(3);
		assertThat(json
			.readTree(TestHttp.at(this.port)
				.asUser(OWNER)
				.get(query + "&start_date=" + yesterday + "&end_date=" + yesterday)
				.body())
			.path("total")
			.asLong()).isZero();
	}

	@Test
	void badQueryParametersAre400NamingEveryOne() {
		HttpResponse<String> bad = TestHttp.at(this.port)
			.asUser(OWNER)
			.get("/api/calls?assistant_id=abc&start_date=yesterday&end_date=2026-13-01&page=-1&size=500");
		assertThat(bad.statusCode()).isEqualTo(400);
		JsonNode body = json.readTree(bad.body());
		assertThat(body.path("error").asString()).isEqualTo("Invalid request");
		assertThat(body.path("details").asString()).contains("assistant_id: ", "start_date: ", "end_date: ", "page: ",
				"size: ");
		HttpResponse<String> backwards = TestHttp.at(this.port)
			.asUser(OWNER)
			.get("/api/calls?start_date=2026-12-03&end_date=2026-12-01");
		assertThat(backwards.statusCode()).isEqualTo(400);
		assertThat(json.readTree(backwards.body()).path("details").asString())
			.isEqualTo("end_date: must not be before start_date");
	}

	/** A call the suspended assistant turned away: recorded and ended at once. */
	private String rejectedCall(long assistantId) throws Exception {
		String number = "+1555" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
		applyAssistant(assistantId, number, "suspended");
		String callSid = "CA" + UUID.randomUUID();
		webhooks().signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number));
		HttpResponse<String> calls = TestHttp.at(this.port).asUser(OWNER).get("/api/calls?assistant_id=" + assistantId);
		return json.readTree(calls.body()).path("calls").get(0).path("id").asString();
	}

	private String activeAssistant(long assistantId) {
		String number = "+1555" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
		applyAssistant(assistantId, number, "active");
		return number;
	}

	/** In the zone furthest ahead of UTC, so that its local day is not UTC's. */
	private void applyAssistant(long assistantId, String number, String status) {
		this.assistants.apply(
				new AssistantSnapshot(assistantId, OWNER, "Ava", "Bella's Bistro", "Italian food", "Pacific/Kiritimati",
						List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30,
						"female", "Hello, Bella's Bistro!", "+15550002222", number, status),
				Instant.now());
	}

}
