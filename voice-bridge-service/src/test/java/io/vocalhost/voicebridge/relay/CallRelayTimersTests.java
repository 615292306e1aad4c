package io.vocalhost.voicebridge.relay;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.vocalhost.testsupport.MutableClock;
import io.vocalhost.common.events.call.CallEndReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's timers and the polite end, on a clock the test moves. */
class CallRelayTimersTests {

	static final CallLimits LIMITS = new CallLimits(Duration.ofSeconds(20), Duration.ofMinutes(10),
			Duration.ofSeconds(8), Duration.ofSeconds(5));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final CallContext CONTEXT = new CallContext("Ava", "Bella's Bistro", null, ZoneId.of("Europe/Paris"),
			List.of(), "marin", null);

	private final MutableClock clock = new MutableClock();

	private final CallRelayTests.Recorder sink = new CallRelayTests.Recorder();

	private final CallRelay relay = new CallRelay("c-1", new RealtimeSession("server_vad", "whisper-1"), this.clock, 3,
			LIMITS, ToolRunner.NONE, this.sink);

	@Test
	void silenceGetsOneQuestionThenAGoodbyeAndTheHangUpOnceTheGoodbyeWasPlayed() {
		ready();
		respond("item-greeting");
		this.clock.advance(Duration.ofSeconds(19));
		this.relay.tick();
		assertThat(lastInstructions()).contains("Greet");
		this.clock.advance(Duration.ofSeconds(1));
		this.relay.tick();
		assertThat(lastInstructions()).contains("still there");
		respond("item-question");
		this.relay.tick();
		assertThat(lastInstructions()).contains("still there");
		this.clock.advance(Duration.ofSeconds(20));
		this.relay.tick();
		assertThat(lastInstructions()).contains("goodbye");
		assertThat(this.sink.hangUps).isEmpty();
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime(MediaStreamFrames.delta("item-bye", MediaStreamFrames.payload(1)));
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		assertThat(this.sink.hangUps).as("the goodbye is not played yet").isEmpty();
		acknowledgeAll();
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.IDLE_TIMEOUT);
		this.clock.advance(Duration.ofMinutes(20));
		this.relay.tick();
		assertThat(this.sink.hangUps).hasSize(1);
	}

	@Test
	void theCallerSpeakingOrTheAssistantTalkingIsNoSilence() {
		ready();
		respond("item-greeting");
		this.clock.advance(Duration.ofSeconds(20));
		this.relay.tick();
		assertThat(lastInstructions()).contains("still there");
		respond("item-question");
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		this.clock.advance(Duration.ofSeconds(30));
		this.relay.tick();
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_stopped\"}");
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.clock.advance(Duration.ofSeconds(30));
		this.relay.tick();
		assertThat(instructions()).filteredOn((text) -> text.contains("still there")).hasSize(1);
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		this.clock.advance(Duration.ofSeconds(20));
		this.relay.tick();
		assertThat(instructions()).filteredOn((text) -> text.contains("still there"))
			.as("the caller spoke: asked again, not ended")
			.hasSize(2);
		assertThat(this.sink.hangUps).isEmpty();
	}

	@Test
	void theMaximumDurationWaitsForTheResponseInProgressThenSaysGoodbye() {
		ready();
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		this.clock.advance(Duration.ofMinutes(10));
		this.relay.tick();
		assertThat(instructions()).noneMatch((text) -> text.contains("maximum length"));
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		assertThat(lastInstructions()).contains("maximum length");
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.MAX_DURATION);
	}

	@Test
	void aGoodbyeThatIsNeverPlayedHangsUpAtTheGoodbyeTimeout() {
		ready();
		this.relay.endPolitely(CallEndReason.DRAINED);
		assertThat(lastInstructions()).contains("close now");
		this.relay.endPolitely(CallEndReason.MAX_DURATION);
		this.clock.advance(Duration.ofSeconds(7));
		this.relay.tick();
		assertThat(this.sink.hangUps).isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		this.relay.tick();
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.DRAINED);
	}

	@Test
	void withoutAReadySessionThereIsNoGoodbyeToWaitFor() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		this.relay.endPolitely(CallEndReason.DRAINED);
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.DRAINED);
		assertThat(this.sink.toRealtime).isEmpty();
	}

	@Test
	void losingTheUpstreamWhileEndingHangsUpAtOnce() {
		ready();
		this.relay.endPolitely(CallEndReason.MAX_DURATION);
		this.relay.upstreamLost();
		assertThat(this.sink.hangUps).containsExactly(CallEndReason.MAX_DURATION);
	}

	private void ready() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		this.relay.upstreamOpened(CONTEXT);
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
	}

	/** A whole response: created, one chunk of audio, done, and played. */
	private void respond(String itemId) {
		this.relay.fromRealtime("{\"type\":\"response.created\"}");
		this.relay.fromRealtime(MediaStreamFrames.delta(itemId, MediaStreamFrames.payload(1)));
		this.relay.fromRealtime("{\"type\":\"response.done\"}");
		acknowledgeAll();
	}

	private void acknowledgeAll() {
		for (int index = 0; index < this.sink.toTwilio.size(); index++) {
			JsonNode frame = this.sink.twilio(index);
			if (frame.path("event").asString().equals("mark")) {
				this.relay.fromTwilio(MediaStreamFrames.mark("MZ1", frame.at("/mark/name").asString()));
			}
		}
	}

	private List<String> instructions() {
		return this.sink.toRealtime.stream()
			.map(json::readTree)
			.filter((frame) -> frame.path("type").asString().equals("response.create"))
			.map((frame) -> frame.at("/response/instructions").asString())
			.toList();
	}

	private String lastInstructions() {
		List<String> all = instructions();
		return all.get(all.size() - 1);
	}

}
