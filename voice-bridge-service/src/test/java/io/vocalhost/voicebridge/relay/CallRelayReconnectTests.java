package io.vocalhost.voicebridge.relay;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A new upstream socket for a call in progress. */
class CallRelayReconnectTests {

	private static final CallContext CONTEXT = new CallContext("Ava", "Bella's Bistro", null, ZoneId.of("Europe/Paris"),
			List.of(), "marin", "Hello!");

	private final CallRelayTests.Recorder sink = new CallRelayTests.Recorder();

	private final CallRelay relay = new CallRelay("c-1", new RealtimeSession("server_vad", "whisper-1"),
			Clock.fixed(Instant.parse("2026-12-03T13:30:00Z"), ZoneId.of("UTC")), 3, CallRelayTimersTests.LIMITS,
			ToolRunner.NONE, this.sink);

	@Test
	void theNewSessionGetsItsSettingsThenTheTurnsSoFarThenTheHeldAudioAndNoSecondGreeting() {
		this.relay.fromTwilio(MediaStreamFrames.start("MZ1", "t"));
		this.relay.upstreamOpened(CONTEXT);
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
		this.relay
			.fromRealtime("{\"type\":\"input_audio_buffer.committed\",\"item_id\":\"u1\",\"previous_item_id\":null}");
		this.relay.fromRealtime("{\"type\":\"conversation.item.added\",\"previous_item_id\":\"u1\","
				+ "\"item\":{\"id\":\"a1\",\"type\":\"message\",\"role\":\"assistant\"}}");
		this.relay.fromRealtime(
				"{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"a1\",\"transcript\":\"For how many?\"}");
		this.relay
			.fromRealtime("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"u1\","
					+ "\"transcript\":\"A table tonight, please.\"}");
		this.relay.upstreamLost();
		this.relay.fromTwilio(MediaStreamFrames.media("MZ1", MediaStreamFrames.payload(1)));
		this.relay.fromTwilio(MediaStreamFrames.media("MZ1", MediaStreamFrames.payload(2)));
		this.sink.toRealtime.clear();

		this.relay.upstreamOpened(CONTEXT);
		assertThat(this.sink.types()).containsExactly("session.update");
		this.relay.fromRealtime("{\"type\":\"session.updated\"}");
		assertThat(this.sink.types()).containsExactly("session.update", "conversation.item.create",
				"conversation.item.create", "input_audio_buffer.append", "input_audio_buffer.append",
				"response.create");
		assertThat(this.sink.realtime(1).at("/item/role").asString()).isEqualTo("user");
		assertThat(this.sink.realtime(1).at("/item/content/0/type").asString()).isEqualTo("input_text");
		assertThat(this.sink.realtime(1).at("/item/content/0/text").asString()).isEqualTo("A table tonight, please.");
		assertThat(this.sink.realtime(2).at("/item/role").asString()).isEqualTo("assistant");
		assertThat(this.sink.realtime(2).at("/item/content/0/type").asString()).isEqualTo("output_text");
		assertThat(this.sink.realtime(2).at("/item/content/0/text").asString()).isEqualTo("For how many?");
		assertThat(this.sink.realtime(3).path("audio").asString()).isEqualTo(MediaStreamFrames.payload(1));
		assertThat(this.sink.realtime(5).at("/response/instructions").asString()).contains("carry on")
			.doesNotContain("Hello!");
	}

}
