package io.vocalhost.voicebridge.relay;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AudioFramesTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void findsTheFieldsOfTwilioMediaAndMarkFrames() {
		String payload = MediaStreamFrames.payload(7);
		assertThat(AudioFrames.scan(json, MediaStreamFrames.media("MZ1", payload)))
			.isEqualTo(new AudioFrames.Scanned("media", "MZ1", payload, null, null));
		assertThat(AudioFrames.scan(json, MediaStreamFrames.mark("MZ1", "m3")))
			.isEqualTo(new AudioFrames.Scanned("mark", "MZ1", null, "m3", null));
	}

	@Test
	void findsTheFieldsOfARealtimeAudioDelta() {
		String audio = MediaStreamFrames.payload(1);
		assertThat(AudioFrames.scan(json, MediaStreamFrames.delta("item-1", audio)))
			.isEqualTo(new AudioFrames.Scanned("response.output_audio.delta", null, audio, null, "item-1"));
	}

	@Test
	void skipsWhatItDoesNotNeedWhateverItsShape() {
		String frame = "{\"sequenceNumber\":{\"a\":[1,{\"payload\":\"no\"}]},\"event\":\"media\",\"streamSid\":7,"
				+ "\"media\":{\"track\":[\"inbound\"],\"payload\":\"QUJD\"},\"extra\":null}";
		assertThat(AudioFrames.scan(json, frame)).isEqualTo(new AudioFrames.Scanned("media", null, "QUJD", null, null));
	}

	@Test
	void refusesWhatIsNotOneJsonObject() {
		assertThat(AudioFrames.scan(json, "[1,2]")).isNull();
		assertThat(AudioFrames.scan(json, "\"media\"")).isNull();
		assertThat(AudioFrames.scan(json, "{\"event\":\"media\"")).isNull();
		assertThat(AudioFrames.scan(json, "{\"event\":\"media\"} {}")).isNull();
		assertThat(AudioFrames.scan(json, "")).isNull();
	}

	@Test
	void quotesBase64AsItIsAndEscapesAnythingElse() {
		String audio = MediaStreamFrames.payload(3);
		assertThat(AudioFrames.quoted(json, audio)).isEqualTo("\"" + audio + "\"");
		String hostile = "a\"}],\"event\":\"stop\\";
		assertThat(json.readTree("{\"audio\":" + AudioFrames.quoted(json, hostile) + "}").path("audio").asString())
			.isEqualTo(hostile);
	}

}
