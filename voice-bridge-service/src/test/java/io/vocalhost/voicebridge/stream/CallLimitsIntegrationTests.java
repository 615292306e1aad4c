package io.vocalhost.voicebridge.stream;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge ending calls by itself, with short limits: the idle timeout (one question,
 * then the goodbye) and the maximum call duration, each hung up through Twilio's REST API
 * once the goodbye was played.
 */
class CallLimitsIntegrationTests extends StandInCallTests {

	@DynamicPropertySource
	static void shortLimits(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.voice.idle-timeout", () -> "1s");
		registry.add("vocalhost.voice.max-call-duration", () -> "5s");
		registry.add("vocalhost.voice.goodbye-timeout", () -> "3s");
	}

	@AfterEach
	void twilioAnswersAgain() {
		twilioRest.status = 200;
	}

	@Test
	void aSilentCallerIsAskedOnceThenTheAssistantSaysGoodbyeAndTwilioHangsUp() throws Exception {
		CallHarness harness = harness();
		CallHarness.Call call = harness.call(this.port, harness.assistant(null));
		RealtimeStandIn.Connection upstream = call.upstream();

		await().atMost(Duration.ofSeconds(10)).until(() -> upstream.responseInstructions().size() == 3);
		assertThat(upstream.responseInstructions()).satisfiesExactly(
				(greeting) -> assertThat(greeting).contains("Hello, Bella's Bistro!"),
				(question) -> assertThat(question).contains("still there"),
				(goodbye) -> assertThat(goodbye).contains("goodbye", "call again"));
		await().atMost(Duration.ofSeconds(10)).until(() -> call.twilio.closed && upstream.closed);
		assertThat(twilioRest.updatesOf(call.callSid)).singleElement()
			.satisfies((update) -> assertThat(update.twiml())
				.isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"));
		assertThat(call.twilio.events("media")).as("the goodbye reached Twilio before the hang-up")
			.hasSize(3 * RealtimeStandIn.GREETING_CHUNKS);
		await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE_TIMEOUT".equals(endReason(call)));
	}

	@Test
	void aCallThatReachesTheMaximumDurationEndsPolitelyWhileTheCallerIsStillTalking() throws Exception {
		CallHarness harness = harness();
		CallHarness.Call call = harness.call(this.port, harness.assistant(null));
		RealtimeStandIn.Connection upstream = call.upstream();
		upstream.speechStarted();

		await().atMost(Duration.ofSeconds(15)).until(() -> call.twilio.closed && upstream.closed);
		assertThat(upstream.responseInstructions()).satisfiesExactly(
				(greeting) -> assertThat(greeting).contains("Hello, Bella's Bistro!"),
				(goodbye) -> assertThat(goodbye).contains("maximum length"));
		assertThat(twilioRest.updatesOf(call.callSid)).singleElement()
			.satisfies((update) -> assertThat(update.twiml()).contains("<Hangup/>"));
		await().atMost(Duration.ofSeconds(10)).until(() -> "MAX_DURATION".equals(endReason(call)));
	}

	@Test
	void whenTwilioRefusesTheHangUpTheCallStillEndsAndTheStreamCloses() throws Exception {
		twilioRest.status = 400;
		CallHarness harness = harness();
		CallHarness.Call call = harness.call(this.port, harness.assistant(null));

		await().atMost(Duration.ofSeconds(15)).until(() -> call.twilio.closed && call.upstream().closed);
		assertThat(twilioRest.updatesOf(call.callSid)).hasSize(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> "IDLE_TIMEOUT".equals(endReason(call)));
	}

}
