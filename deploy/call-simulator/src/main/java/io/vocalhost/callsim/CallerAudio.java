package io.vocalhost.callsim;

import java.util.Arrays;
import java.util.List;

/** What the caller says: 20 ms of μ-law (160 bytes) for each frame of the call. */
@FunctionalInterface
public interface CallerAudio {

	/** μ-law silence (the code of a zero sample). */
	byte SILENCE = (byte) 0xFF;

	byte[] frame(int index);

	/** The caller stays silent. */
	static CallerAudio silence() {
		byte[] silence = new byte[MediaStream.FRAME_BYTES];
		Arrays.fill(silence, SILENCE);
		return (index) -> silence;
	}

	/** The given μ-law audio, then silence. */
	static CallerAudio of(byte[] mulaw) {
		CallerAudio silence = silence();
		return (index) -> {
			int from = index * MediaStream.FRAME_BYTES;
			if (from >= mulaw.length) {
				return silence.frame(index);
			}
			byte[] frame = Arrays.copyOfRange(mulaw, from, from + MediaStream.FRAME_BYTES);
			Arrays.fill(frame, Math.min(MediaStream.FRAME_BYTES, mulaw.length - from), MediaStream.FRAME_BYTES,
					SILENCE);
			return frame;
		};
	}

	/**
	 * Silence, with a burst of {@link SpeechSound} of the given length starting at each
	 * of the given seconds of the call.
	 */
	static CallerAudio speakingAt(List<Integer> seconds, int burstMilliseconds) {
		byte[] speech = SpeechSound.mulaw(burstMilliseconds);
		int framesPerSecond = 1000 / MediaStream.FRAME_MILLISECONDS;
		CallerAudio silence = silence();
		return (index) -> {
			for (int second : seconds) {
				int from = (index - second * framesPerSecond) * MediaStream.FRAME_BYTES;
				if (from >= 0 && from < speech.length) {
					return Arrays.copyOfRange(speech, from, from + MediaStream.FRAME_BYTES);
				}
			}
			return silence.frame(index);
		};
	}

}
