package io.vocalhost.callsim;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallSimulatorMainTests {

	@Test
	void theCallerSpeaksAtTheGivenSecondsAndSilenceLiesBetween() {
		CallSimulator.Options options = CallSimulatorMain.options(new String[] { "+15005550100", "--say-at", "2, 8" },
				Map.of("VOCALHOST_TOKEN", "owner-token"));
		assertThat(options.speakAt()).containsExactly(2, 8);
		assertThat(options.ownerToken()).isEqualTo("owner-token");
		assertThat(options.duration()).hasSeconds(30);

		CallerAudio caller = CallerAudio.speakingAt(options.speakAt(), CallSimulator.SPOKEN_MILLISECONDS);
		int framesPerSecond = 1000 / MediaStream.FRAME_MILLISECONDS;
		assertThat(caller.frame(2 * framesPerSecond - 1)).isEqualTo(CallerAudio.silence().frame(0));
		assertThat(level(caller.frame(2 * framesPerSecond + 10))).isGreaterThan(1000);
		assertThat(caller.frame(2 * framesPerSecond + CallSimulator.SPOKEN_MILLISECONDS / 20))
			.isEqualTo(CallerAudio.silence().frame(0));
		assertThat(level(caller.frame(8 * framesPerSecond))).isGreaterThan(1000);
	}

	@Test
	void refusesAudioAndSpeechAtOnceAndSecondsThatAreNotWholeAndPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallSimulatorMain
				.options(new String[] { "+15005550100", "--audio", "q.wav", "--say-at", "2" }, Map.of()))
			.withMessageContaining("either --audio or --say-at");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallSimulatorMain.options(new String[] { "+15005550100", "--say-at", "2,x" }, Map.of()))
			.withMessageContaining("--say-at");
		assertThat(CallSimulatorMain.options(new String[] { "+15005550100" }, Map.of()).speakAt()).isEqualTo(List.of());
	}

	private static long level(byte[] frame) {
		long sum = 0;
		for (byte code : frame) {
			sum += Math.abs(MuLaw.decode(code));
		}
		return sum / frame.length;
	}

}
