package io.vocalhost.callsim;

/**
 * A voice-like sound for stand-ins that have no speech synthesis: a 140 Hz buzz with its
 * harmonics, shaped into syllables of about 250 ms. It is loud enough for a voice
 * activity detector and sounds like somebody talking through a wall, which is all a
 * simulated call needs to show who speaks when.
 */
public final class SpeechSound {

	/** Roughly how long a word takes to say. */
	public static final int MILLISECONDS_PER_WORD = 280;

	private static final double FUNDAMENTAL_HZ = 140;

	private static final double SYLLABLE_HZ = 4;

	private static final double AMPLITUDE = 7000;

	private SpeechSound() {
	}

	/** The given length of speech, as 8 kHz μ-law. */
	public static byte[] mulaw(int milliseconds) {
		int samples = milliseconds * Wav.PHONE_RATE / 1000;
		short[] pcm = new short[samples];
		for (int i = 0; i < samples; i++) {
			double t = i / (double) Wav.PHONE_RATE;
			double syllable = Math.abs(Math.sin(Math.PI * SYLLABLE_HZ * t));
			double buzz = Math.sin(2 * Math.PI * FUNDAMENTAL_HZ * t) + 0.5 * Math.sin(4 * Math.PI * FUNDAMENTAL_HZ * t)
					+ 0.25 * Math.sin(6 * Math.PI * FUNDAMENTAL_HZ * t);
			pcm[i] = (short) (AMPLITUDE * (0.3 + 0.7 * syllable) * buzz / 1.75);
		}
		return MuLaw.encode(pcm);
	}

	/** Speech as long as saying the text would take, between 0.6 and 12 seconds. */
	public static byte[] saying(String text) {
		int words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
		return mulaw(Math.clamp((long) words * MILLISECONDS_PER_WORD, 600, 12_000));
	}

}
