package io.vocalhost.callsim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MuLawTests {

	@Test
	void everyCodeSurvivesDecodingAndEncodingAgain() {
		for (int code = 0; code < 256; code++) {
			byte mulaw = (byte) code;
			byte again = MuLaw.encode(MuLaw.decode(mulaw));
			// 0x7F and 0xFF are both zero (+0 and -0); zero encodes as +0.
			assertThat(again).as("code %02x", code).isEqualTo((code == 0x7F) ? (byte) 0xFF : mulaw);
		}
	}

	@Test
	void everySampleComesBackWithinItsSegmentsQuantisationStep() {
		for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
			int decoded = MuLaw.decode(MuLaw.encode((short) sample));
			int clipped = Math.max(-32635, Math.min(32635, sample));
			// The step doubles with each of the 8 segments: 8 at the smallest, 1024 at
			// the largest.
			int step = Math.max(8, Integer.highestOneBit(Math.abs(clipped) + 0x84) >> 4);
			assertThat(Math.abs(decoded - clipped)).as("sample %d -> %d", sample, decoded).isLessThanOrEqualTo(step);
		}
	}

	@Test
	void matchesG711sTableAtItsEnds() {
		assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
		assertThat(MuLaw.encode((short) 32767)).isEqualTo((byte) 0x80);
		assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
		assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
		assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
		assertThat(MuLaw.decode((byte) 0xFF)).isZero();
	}

	@Test
	void arraysRoundTripSampleBySample() {
		short[] samples = { 0, 1000, -1000, 12345, -32000 };
		short[] decoded = MuLaw.decode(MuLaw.encode(samples));
		for (int i = 0; i < samples.length; i++) {
			assertThat(decoded[i]).isEqualTo(MuLaw.decode(MuLaw.encode(samples[i])));
		}
	}

}
