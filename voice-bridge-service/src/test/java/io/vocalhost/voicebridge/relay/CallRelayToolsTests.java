package io.vocalhost.voicebridge.relay;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay's side of the tools: the Realtime function-calling round trip. */
class CallRelayToolsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final CallContext CONTEXT = new CallContext("Ava", "Bella's Bistro", null, ZoneId.of("Europe/Paris"),
			List.of(), "marin", null);

	private final MutableClock clock = new MutableClock();

	private final CallRelayTests.Recorder sink = new CallRelayTests.Recorder();

	private final Tools tools = new Tools();

	private final CallRelay relay = relay(CallRelayTimersTests.LIMITS);

	@Test
	void aFunctionCallIsAnsweredWithItsCallIdAndTheReplyIsAskedForOnceTheResponseIsDone() {
		ready();
		this.tools.answers.put("check_availability", done("{\"ok\":true,\"free_times\":[\"10:00\"]}"));
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime(
				MediaStreamFrames.functionCallDone("call_1", "check_availability", "{\"date\":\"tomorrow\"}"));
		JsonNode output = this.sink.realtime(this.sink.toRealtime.size() - 1);
		assertThat(output.path("type").asString()).isEqualTo("conversation.item.create");
		assertThat(output.at("/item/type").asString()).isEqualTo("function_call_output");
		assertThat(output.at("/item/call_id").asString()).isEqualTo("call_1");
		assertThat(json.readTree(output.at("/item/output").asString()).at("/free_times/0").asString())
			.isEqualTo("10:00");
		assertThat(responseCreates()).as("not while the response is in progress").isZero();
		this.relay.fromRealtime(responseDoneWithCall("call_1", "check_availability", "{\"date\":\"tomorrow\"}"));
		assertThat(responseCreates()).isEqualTo(1);
		assertThat(this.tools.asked).containsExactly("check_availability {\"date\":\"tomorrow\"}");
		assertThat(this.relay.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("check_availability");
			assertThat(call.arguments()).isEqualTo("{\"date\":\"tomorrow\"}");
			assertThat(call.output()).contains("10:00");
		});
	}

	@Test
	void aFunctionCallSeenOnlyInResponseDoneRunsToo() {
		ready();
		this.tools.answers.put("search_knowledge", done("{\"ok\":true,\"passages\":[]}"));
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime(responseDoneWithCall("call_9", "search_knowledge", "{\"question\":\"parking\"}"));
		assertThat(this.sink.types()).endsWith("conversation.item.create", "response.create");
		assertThat(this.tools.asked).containsExactly("search_knowledge {\"question\":\"parking\"}");
	}

	@Test
	void aRepeatedIdenticalCallWhileTheFirstRunsGetsTheFirstOnesResult() {
		ready();
		CompletableFuture<ToolRunner.Result> pending = new CompletableFuture<>();
		this.tools.answers.put("book_appointment", pending);
		String arguments = "{\"date\":\"tomorrow\",\"time\":\"10\",\"customer_name\":\"Jon\"}";
		this.relay.fromRealtime(MediaStreamFrames.functionCallDone("call_1", "book_appointment", arguments));
		this.relay.fromRealtime(MediaStreamFrames.functionCallDone("call_2", "book_appointment", arguments));
		assertThat(this.tools.asked).hasSize(1);
		pending.complete(ToolRunner.Result.of((ObjectNode) json.readTree("{\"ok\":true,\"booking_id\":7}")));
		assertThat(outputs()).containsOnlyKeys("call_1", "call_2")
			.allSatisfy((callId, output) -> assertThat(output).contains("\"booking_id\":7"));
		assertThat(responseCreates()).isEqualTo(1);
	}

	@Test
	void aToolThatDoesNotAnswerInTimeIsReportedAsNotCheckedAndTheCallerIsNotHeld() {
		CallRelay quick = relay(new CallLimits(Duration.ofSeconds(20), Duration.ofMinutes(10), Duration.ofSeconds(8),
				Duration.ofMillis(100)));
		this.tools.answers.put("check_availability", new CompletableFuture<>());
		quick.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		quick.upstreamOpened(CONTEXT);
		quick.fromRealtime("{\"type\":\"session.updated\"}");
		this.sink.toRealtime.clear();
		quick.fromRealtime(MediaStreamFrames.functionCallDone("call_1", "check_availability", "{\"date\":\"friday\"}"));
		await().atMost(Duration.ofSeconds(5)).until(() -> outputs().containsKey("call_1"));
		assertThat(json.readTree(outputs().get("call_1")).path("ok").asBoolean()).isFalse();
		assertThat(outputs().get("call_1")).contains("could not be checked right now");
		assertThat(responseCreates()).isEqualTo(1);
	}

	@Test
	void aToolThatFailsGivesAReasonNotSilence() {
		ready();
		this.tools.answers.put("search_knowledge",
				CompletableFuture.failedFuture(new IllegalStateException("rag-service answered 500")));
		this.relay.fromRealtime(
				MediaStreamFrames.functionCallDone("call_1", "search_knowledge", "{\"question\":\"prices\"}"));
		assertThat(outputs().get("call_1")).contains("\"ok\":false", "technical problem");
		this.relay.fromRealtime(MediaStreamFrames.functionCallDone("call_2", "take_message", "not json"));
		assertThat(outputs().get("call_2")).contains("\"ok\":false", "not a JSON object");
		assertThat(responseCreates()).isEqualTo(2);
	}

	@Test
	void endCallHangsUpOnlyOnceTheGoodbyeAfterItHasBeenPlayed() {
		ready();
		this.tools.answers.put("end_call",
				CompletableFuture
					.completedFuture(ToolRunner.Result.of(JsonNodeFactory.instance.objectNode().put("ok", true))
						.then(ToolRunner.AfterReply.HANG_UP)));
		this.relay.fromRealtime(MediaStreamFrames.functionCallDone("call_1", "end_call", "{}"));
		assertThat(responseCreates()).isEqualTo(1);
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime(MediaStreamFrames.delta("item-bye", MediaStreamFrames.payload(1)));
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		assertThat(this.sink.hangUps).as("the goodbye has not been played yet").isEmpty();
		assertThat(responseCreates()).as("no second goodbye is asked for").isEqualTo(1);
		String mark = this.sink.twilio(this.sink.toTwilio.size() - 1).at("/mark/name").asString();
		this.relay.fromTwilio(MediaStreamFrames.mark("MZ1", mark));
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.ASSISTANT_ENDED);
	}

	@Test
	void transferHandsTheCallOverAfterTheAnnouncement() {
		ready();
		this.tools.answers.put("transfer_to_human",
				CompletableFuture
					.completedFuture(ToolRunner.Result.of(JsonNodeFactory.instance.objectNode().put("ok", true))
						.then(ToolRunner.AfterReply.TRANSFER)));
		this.relay.fromRealtime(MediaStreamFrames.functionCallDone("call_1", "transfer_to_human", "{}"));
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.TRANSFERRED);
	}

	@Test
	void pressingZeroTellsTheModelTheCallerWantsAPerson() {
		ready();
		this.relay.fromTwilio(
				"{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"0\"}}");
		List<String> types = this.sink.types();
		assertThat(types).endsWith("conversation.item.create", "response.create");
		assertThat(this.sink.realtime(types.size() - 2).at("/item/content/0/text").asString()).contains("pressed 0");
	}

	private CallRelay relay(CallLimits limits) {
		return new CallRelay("c-1", new RealtimeSession("server_vad", "whisper-1"), this.clock, 3, limits, this.tools,
				this.sink);
	}

	private void ready() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		this.relay.upstreamOpened(CONTEXT);
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
		this.sink.toRealtime.clear();
	}

	private static CompletableFuture<ToolRunner.Result> done(String output) {
		return CompletableFuture.completedFuture(ToolRunner.Result.of((ObjectNode) json.readTree(output)));
	}

	private static String responseDoneWithCall(String callId, String name, String arguments) {
		var done = json.createObjectNode().put("type", "response.done");
		done.putObject("response")
			.putArray("output")
			.addObject()
			.put("type", "function_call")
			.put("call_id", callId)
			.put("name", name)
			.put("arguments", arguments);
		return done.toString();
	}

	private long responseCreates() {
		return this.sink.types().stream().filter("response.create"::equals).count();
	}

	/** The function_call_output items sent, by call_id. */
	private Map<String, String> outputs() {
		Map<String, String> outputs = new HashMap<>();
		for (int index = 0; index < this.sink.toRealtime.size(); index++) {
			JsonNode frame = this.sink.realtime(index);
			if (frame.at("/item/type").asString("").equals("function_call_output")) {
				outputs.put(frame.at("/item/call_id").asString(), frame.at("/item/output").asString());
			}
		}
		return outputs;
	}

	/** Answers each tool with the future the test put in; records what was asked. */
	static final class Tools implements ToolRunner {

		final Map<String, CompletableFuture<Result>> answers = new HashMap<>();

		final List<String> asked = new ArrayList<>();

		@Override
		public synchronized CompletableFuture<Result> run(String name, JsonNode arguments) {
			this.asked.add(name + " " + arguments);
			return this.answers.getOrDefault(name, CompletableFuture.completedFuture(Result.refused("no such tool")));
		}

	}

}
