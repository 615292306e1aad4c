package io.vocalhost.voicebridge.stream;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.vocalhost.voicebridge.relay.MediaStreamFrames.media;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Realtime API failing under a live call: one reconnect with the conversation
 * restored, else the caller redirected through Twilio's REST API to the apology and the
 * business phone or a hang-up.
 */
class CallRecoveryIntegrationTests extends StandInCallTests {

	@Test
	void aDroppedRealtimeSocketIsReconnectedWithTheConversationRestoredBeforeTheCallersAudio() throws Exception {
		CallHarness harness = harness();
		CallHarness.Call call = harness.call(this.port, harness.assistant("+15550007777"));
		RealtimeStandIn.Connection first = call.upstream();
		first.emit("{\"type\":\"input_audio_buffer.committed\",\"item_id\":\"item_caller_1\","
				+ "\"previous_item_id\":\"" + RealtimeStandIn.GREETING_ITEM + "\"}");
		first.emit("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_caller_1\","
				+ "\"content_index\":0,\"transcript\":\"Do you have a table for two tonight?\"}");
		first.emit("{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"" + RealtimeStandIn.GREETING_ITEM
				+ "\",\"transcript\":\"Hello, Bella's Bistro!\"}");
		first.emit("{\"type\":\"conversation.item.added\",\"previous_item_id\":\"item_caller_1\",\"item\":"
				+ "{\"id\":\"item_answer_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}");
		first.emit("{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"item_answer_1\","
				+ "\"transcript\":\"Yes, at what time?\"}");
		call.twilio.send(media(call.streamSid, payload(1)));
		await().atMost(Duration.ofSeconds(10)).until(() -> first.types().contains("input_audio_buffer.append"));

		realtime.holdSessions = true;
		first.drop();
		RealtimeStandIn.Connection second = call.upstream(1);
		realtime.holdSessions = false;
		await().atMost(Duration.ofSeconds(10)).until(() -> second.types().contains("session.update"));
		call.twilio.send(media(call.streamSid, payload(2)));
		call.twilio.send(media(call.streamSid, payload(3)));
		await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).until(() -> true);
		assertThat(second.types()).as("held until the session is ready").containsExactly("session.update");
		second.releaseSession();
		await().atMost(Duration.ofSeconds(10)).until(() -> second.types().contains("response.create"));

		assertThat(second.types()).startsWith("session.update", "conversation.item.create", "conversation.item.create",
				"conversation.item.create", "input_audio_buffer.append", "input_audio_buffer.append",
				"response.create");
		List<JsonNode> restored = second.frames.subList(1, 4);
		assertThat(restored).extracting((item) -> item.at("/item/role").asString())
			.containsExactly("assistant", "user", "assistant");
		assertThat(restored).extracting((item) -> item.at("/item/content/0/text").asString())
			.containsExactly("Hello, Bella's Bistro!", "Do you have a table for two tonight?", "Yes, at what time?");
		assertThat(second.frames.subList(4, 6)).extracting((frame) -> frame.path("audio").asString())
			.containsExactly(payload(2), payload(3));
		assertThat(second.responseInstructions()).singleElement().asString().contains("carry on");

		call.twilio.send(media(call.streamSid, payload(4)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> second.frames.stream().anyMatch((frame) -> payload(4).equals(frame.path("audio").asString())));
		assertThat(call.twilio.closed).isFalse();
		assertThat(twilioRest.updatesOf(call.callSid)).isEmpty();
		call.twilio.hangUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> second.closed);
	}

	@Test
	void aRealtimeApiUnreachableAtTheStartIsTriedOnceMoreAndTheCallerHearsTheGreeting() throws Exception {
		CallHarness harness = harness();
		String number = harness.assistant(null);
		int refusedBefore = realtime.refused.get();
		realtime.refusals.set(1);
		CallHarness.Call call = harness.call(this.port, number);
		assertThat(realtime.refused.get()).isEqualTo(refusedBefore + 1);
		assertThat(call.upstream().types()).startsWith("session.update");
		assertThat(call.upstream().responseInstructions()).singleElement()
			.asString()
			.contains("Hello, Bella's Bistro!");
		call.twilio.hangUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> call.upstream().closed);
	}

	@Test
	void whenTheReconnectFailsTooTheCallIsRedirectedToTheApologyAndTheBusinessPhoneOrAHangUp() throws Exception {
		CallHarness harness = harness();
		CallHarness.Call transferred = harness.call(this.port, harness.assistant("+15550008888"));
		realtime.refusals.set(1);
		transferred.upstream().drop();
		await().atMost(Duration.ofSeconds(10)).until(() -> transferred.twilio.closed);
		assertThat(twilioRest.updatesOf(transferred.callSid)).singleElement()
			.satisfies((update) -> assertThat(update.twiml()).containsSubsequence("<Say>Sorry",
					"</Say><Dial>+15550008888</Dial>"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "TRANSFERRED".equals(endReason(transferred)));

		CallHarness.Call hungUp = harness.call(this.port, harness.assistant(null));
		realtime.refusals.set(1);
		hungUp.upstream().drop();
		await().atMost(Duration.ofSeconds(10)).until(() -> hungUp.twilio.closed);
		assertThat(twilioRest.updatesOf(hungUp.callSid)).singleElement()
			.satisfies((update) -> assertThat(update.twiml()).containsSubsequence("<Say>Sorry", "</Say><Hangup/>"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "AI_UNAVAILABLE".equals(endReason(hungUp)));
	}

}
