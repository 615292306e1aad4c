package io.vocalhost.voicebridge.relay;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.call.CallEndReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CallRelayTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final CallContext CONTEXT = new CallContext("Ava", "Bella's Bistro", "Italian food",
			ZoneId.of("Europe/Paris"),
			List.of(new OpeningHours(DayOfWeek.THURSDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
					new OpeningHours(DayOfWeek.THURSDAY, LocalTime.of(14, 0), LocalTime.of(18, 0))),
			"marin", "Hello, Bella's Bistro!");

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T13:30:00Z"), ZoneId.of("UTC"));

	private final Recorder sink = new Recorder();

	private final CallRelay relay = new CallRelay("c-1", new RealtimeSession("server_vad", "whisper-1"), CLOCK, 3,
			CallRelayTimersTests.LIMITS, ToolRunner.NONE, this.sink);

	@Test
	void startHandsTheTokenOverAndSessionUpdateIsFirstUpstream() {
		this.relay.fromTwilio("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "tok-1"));
		assertThat(this.sink.started).containsExactly("CA1 MZ1 tok-1");
		this.relay.upstreamOpened(CONTEXT);
		JsonNode update = this.sink.realtime(0);
		assertThat(update.path("type").asString()).isEqualTo("session.update");
		JsonNode session = update.path("session");
		assertThat(session.path("type").asString()).isEqualTo("realtime");
		assertThat(session.at("/audio/input/format/type").asString()).isEqualTo("audio/pcmu");
		assertThat(session.at("/audio/output/format/type").asString()).isEqualTo("audio/pcmu");
		assertThat(session.at("/audio/input/turn_detection/type").asString()).isEqualTo("server_vad");
		assertThat(session.at("/audio/input/transcription/model").asString()).isEqualTo("whisper-1");
		assertThat(session.at("/audio/output/voice").asString()).isEqualTo("marin");
		assertThat(session.path("instructions").asString()).contains("Ava", "Bella's Bistro", "Italian food",
				"Thursday: 09:00–12:00, 14:00–18:00", "Monday: closed", "Thursday 3 December 2026, 14:30",
				"Europe/Paris");
	}

	@Test
	void audioBeforeTheSessionIsReadyIsHeldBoundedThenSentUnchangedBeforeTheGreeting() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		for (int frame = 0; frame < 4; frame++) {
			this.relay.fromTwilio(MediaStreamFrames.media("MZ1", MediaStreamFrames.payload(frame)));
		}
		this.relay.upstreamOpened(CONTEXT);
		assertThat(this.sink.toRealtime).hasSize(1);
		this.relay.fromRealtime("{\"type\":\"session.updated\",\"session\":{}}");
		assertThat(this.sink.types()).containsExactly("session.update", "input_audio_buffer.append",
				"input_audio_buffer.append", "input_audio_buffer.append", "response.create");
		assertThat(this.sink.realtime(1).path("audio").asString()).isEqualTo(MediaStreamFrames.payload(1));
		assertThat(this.sink.realtime(3).path("audio").asString()).isEqualTo(MediaStreamFrames.payload(3));
		assertThat(this.sink.realtime(4).at("/response/instructions").asString()).contains("Hello, Bella's Bistro!");
		this.relay.fromTwilio(MediaStreamFrames.media("MZ1", MediaStreamFrames.payload(9)));
		assertThat(this.sink.realtime(5).path("audio").asString()).isEqualTo(MediaStreamFrames.payload(9));
	}

	@Test
	void assistantAudioGoesToTwilioUnchangedEachChunkFollowedByAMark() {
		ready();
		this.relay.fromRealtime(MediaStreamFrames.delta("item-1", MediaStreamFrames.payload(7)));
		assertThat(this.sink.twilio(0).path("event").asString()).isEqualTo("media");
		assertThat(this.sink.twilio(0).path("streamSid").asString()).isEqualTo("MZ1");
		assertThat(this.sink.twilio(0).at("/media/payload").asString()).isEqualTo(MediaStreamFrames.payload(7));
		assertThat(this.sink.twilio(1).path("event").asString()).isEqualTo("mark");
		assertThat(this.sink.twilio(1).at("/mark/name").asString()).isNotBlank();
	}

	@Test
	void bargeInClearsTwilioAndTruncatesAtTheAcknowledgedAudio() {
		ready();
		for (int chunk = 0; chunk < 3; chunk++) {
			this.relay.fromRealtime(MediaStreamFrames.delta("item-1", MediaStreamFrames.payload(chunk)));
		}
		this.relay.fromTwilio(MediaStreamFrames.mark("MZ1", this.sink.twilio(3).at("/mark/name").asString()));
		this.sink.toTwilio.clear();
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_started\",\"audio_start_ms\":1000}");
		assertThat(this.sink.twilio(0).path("event").asString()).isEqualTo("clear");
		JsonNode truncate = this.sink.realtime(this.sink.toRealtime.size() - 1);
		assertThat(truncate.path("type").asString()).isEqualTo("conversation.item.truncate");
		assertThat(truncate.path("item_id").asString()).isEqualTo("item-1");
		assertThat(truncate.path("content_index").asInt()).isZero();
		assertThat(truncate.path("audio_end_ms").asLong()).isEqualTo(40);
		this.relay.fromRealtime(MediaStreamFrames.delta("item-1", MediaStreamFrames.payload(3)));
		assertThat(this.sink.toTwilio).hasSize(1);
	}

	@Test
	void bargeInBeforeAnyAcknowledgementTruncatesAtZeroAndNeverPastTheGeneratedAudio() {
		ready();
		this.relay.fromRealtime(MediaStreamFrames.delta("item-1", Base64.getEncoder().encodeToString(new byte[100])));
		this.relay.fromRealtime(MediaStreamFrames.delta("item-2", MediaStreamFrames.payload(1)));
		this.relay.fromTwilio(MediaStreamFrames.mark("MZ1", this.sink.twilio(1).at("/mark/name").asString()));
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		JsonNode truncate = this.sink.realtime(this.sink.toRealtime.size() - 1);
		assertThat(truncate.path("item_id").asString()).isEqualTo("item-2");
		assertThat(truncate.path("audio_end_ms").asLong()).isZero();
	}

	@Test
	void framesWrittenAroundTheAudioStayJsonWhateverTheStreamSidAndPayloadHold() {
		this.relay.fromTwilio("{\"event\":\"start\",\"streamSid\":\"MZ\\\"1\","
				+ "\"start\":{\"callSid\":\"CA1\",\"customParameters\":{\"token\":\"t\"}}}");
		this.relay.upstreamOpened(CONTEXT);
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
		this.relay.fromRealtime("{\"type\":\"response.output_audio.delta\",\"item_id\":\"i1\",\"delta\":\"a\\\"b\"}");
		assertThat(this.sink.twilio(0).path("streamSid").asString()).isEqualTo("MZ\"1");
		assertThat(this.sink.twilio(0).at("/media/payload").asString()).isEqualTo("a\"b");
		assertThat(this.sink.twilio(1).path("streamSid").asString()).isEqualTo("MZ\"1");
		this.relay.fromTwilio("{\"event\":\"media\",\"streamSid\":\"MZ\\\"1\",\"media\":{\"payload\":\"c\\\"d\"}}");
		assertThat(this.sink.realtime(this.sink.toRealtime.size() - 1).path("audio").asString()).isEqualTo("c\"d");
	}

	@Test
	void noClearWithoutUnplayedAudio() {
		ready();
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		this.relay.fromRealtime(MediaStreamFrames.delta("item-1", MediaStreamFrames.payload(0)));
		this.relay.fromTwilio(MediaStreamFrames.mark("MZ1", this.sink.twilio(1).at("/mark/name").asString()));
		this.relay.fromRealtime("{\"type\":\"input_audio_buffer.speech_started\"}");
		assertThat(this.sink.toTwilio).extracting((frame) -> json.readTree(frame).path("event").asString())
			.doesNotContain("clear");
		assertThat(this.sink.types()).doesNotContain("conversation.item.truncate");
	}

	@Test
	void badFramesSecondStartAndForeignMediaAreIgnored() {
		ready();
		int upstream = this.sink.toRealtime.size();
		this.relay.fromTwilio("not json");
		this.relay.fromTwilio("[1,2]");
		this.relay.fromTwilio("{\"event\":\"surprise\"}");
		this.relay.fromTwilio(MediaStreamFrames.start("MZ2", "other"));
		this.relay.fromTwilio(MediaStreamFrames.media("MZ2", MediaStreamFrames.payload(1)));
		this.relay.fromRealtime("{\"type\":\"error\",\"error\":{\"code\":\"x\",\"message\":\"boom\"}}");
		assertThat(this.sink.started).hasSize(1);
		assertThat(this.sink.toRealtime).hasSize(upstream);
		this.relay.fromTwilio(MediaStreamFrames.media("MZ1", MediaStreamFrames.payload(2)));
		assertThat(this.sink.realtime(upstream).path("audio").asString()).isEqualTo(MediaStreamFrames.payload(2));
	}

	@Test
	void stopEndsTheCallAndNothingIsRelayedAfterIt() {
		ready();
		this.relay.fromTwilio("{\"event\":\"stop\",\"streamSid\":\"MZ1\",\"stop\":{\"callSid\":\"CA1\"}}");
		assertThat(this.sink.stops).isEqualTo(1);
		this.relay.fromRealtime(MediaStreamFrames.delta("item-1", MediaStreamFrames.payload(0)));
		assertThat(this.sink.toTwilio).isEmpty();
	}

	private void ready() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		this.relay.upstreamOpened(CONTEXT);
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
	}

	static final class Recorder implements CallRelay.Sink {

		final List<String> toTwilio = new ArrayList<>();

		final List<String> toRealtime = new ArrayList<>();

		final List<String> started = new ArrayList<>();

		final List<CallEndReason> hangUps = new ArrayList<>();

		int stops;

		@Override
		public void toTwilio(String frame) {
			this.toTwilio.add(frame);
		}

		@Override
		public void toRealtime(String frame) {
			this.toRealtime.add(frame);
		}

		@Override
		public void started(String callSid, String streamSid, String token) {
			this.started.add(callSid + " " + streamSid + " " + token);
		}

		@Override
		public void stopped() {
			this.stops++;
		}

		@Override
		public void hangUp(CallEndReason reason) {
			this.hangUps.add(reason);
		}

		JsonNode twilio(int index) {
			return json.readTree(this.toTwilio.get(index));
		}

		JsonNode realtime(int index) {
			return json.readTree(this.toRealtime.get(index));
		}

		List<String> types() {
			return this.toRealtime.stream().map((frame) -> json.readTree(frame).path("type").asString()).toList();
		}

	}

}
