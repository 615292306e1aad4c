package io.vocalhost.voicebridge.stream;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.voicebridge.relay.MediaStreamFrames;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tools that need no other service, through the whole bridge: the model's function
 * call on the Realtime socket, its output and reply, and what follows through Twilio's
 * REST API and the owner's API.
 */
class CallToolsIntegrationTests extends StandInCallTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Every day, all day: a transfer is always within the hours. */
	private static final List<OpeningHours> ALWAYS_OPEN = Arrays.stream(DayOfWeek.values())
		.map((day) -> new OpeningHours(day, LocalTime.MIN, LocalTime.MAX))
		.toList();

	@Test
	void endCallHangsUpThroughTwilioOnceTheGoodbyeHasBeenPlayed() throws Exception {
		CallHarness harness = harness();
		CallHarness.Call call = harness.call(this.port, harness.assistant(null));
		RealtimeStandIn.Connection upstream = call.upstream();
		upstream.emit(MediaStreamFrames.functionCallDone("call_end", "end_call", "{\"reason\":\"done\"}"));

		await().atMost(Duration.ofSeconds(10)).until(() -> call.twilio.closed && upstream.closed);
		assertThat(outputOf(upstream, "call_end").path("ok").asBoolean()).isTrue();
		assertThat(call.twilio.events("media")).as("the goodbye reached Twilio before the hang-up")
			.hasSize(2 * RealtimeStandIn.GREETING_CHUNKS);
		assertThat(twilioRest.updatesOf(call.callSid)).singleElement()
			.satisfies((update) -> assertThat(update.twiml()).contains("<Hangup/>"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "ASSISTANT_ENDED".equals(endReason(call)));
		JsonNode stored = TestHttp.body(TestHttp.at(this.port).asUser(7).get("/api/calls/" + call.callId));
		assertThat(stored.at("/tool_calls/0/name").asString()).isEqualTo("end_call");
		assertThat(stored.at("/tool_calls/0/arguments/reason").asString()).isEqualTo("done");
	}

	@Test
	void transferDialsTheBusinessPhoneWithinTheHours() throws Exception {
		CallHarness harness = harness();
		CallHarness.Call call = harness.call(this.port, harness.assistant("+15550001111", ALWAYS_OPEN));
		RealtimeStandIn.Connection upstream = call.upstream();
		upstream.emit(MediaStreamFrames.functionCallDone("call_person", "transfer_to_human", "{}"));

		await().atMost(Duration.ofSeconds(10)).until(() -> call.twilio.closed && upstream.closed);
		assertThat(twilioRest.updatesOf(call.callSid)).singleElement()
			.satisfies((update) -> assertThat(update.twiml()).contains("<Dial>+15550001111</Dial>")
				.doesNotContain("<Hangup"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "TRANSFERRED".equals(endReason(call)));
	}

	@Test
	void aMessageIsStoredForTheOwnerWithTheCallersNumber() throws Exception {
		CallHarness harness = harness();
		String number = harness.assistant(null);
		CallHarness.Call call = harness.call(this.port, number);
		RealtimeStandIn.Connection upstream = call.upstream();
		upstream.emit(MediaStreamFrames.functionCallDone("call_msg", "take_message",
				"{\"name\":\"Jon\",\"message\":\"Call me back\"}"));

		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.responseInstructions().size() == 2);
		JsonNode output = outputOf(upstream, "call_msg");
		assertThat(output.path("ok").asBoolean()).as(output.toString()).isTrue();
		assertThat(output.path("callback_number").asString()).isEqualTo("+15557654321");
		long assistantId = this.assistants.byNumber(number).orElseThrow().assistantId();
		JsonNode callbacks = TestHttp
			.body(TestHttp.at(this.port).asUser(7).get("/api/callbacks?assistant_id=" + assistantId));
		assertThat(callbacks.at("/callbacks/0/message").asString()).isEqualTo("Call me back");
		assertThat(callbacks.at("/callbacks/0/call_id").asString()).isEqualTo(call.callId);
		call.twilio.hangUp();
	}

	/** The output the bridge sent for a function call, once it has. */
	private static JsonNode outputOf(RealtimeStandIn.Connection upstream, String callId) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> upstream.frames.stream()
				.anyMatch((frame) -> callId.equals(frame.at("/item/call_id").asString(""))));
		return json.readTree(upstream.frames.stream()
			.filter((frame) -> callId.equals(frame.at("/item/call_id").asString("")))
			.findFirst()
			.orElseThrow()
			.at("/item/output")
			.asString());
	}

}
