package io.vocalhost.callsim;

/**
 * G.711 μ-law, the encoding of Twilio's Media Streams (8 kHz, one byte per sample):
 * 16-bit linear PCM to μ-law and back, as ITU-T G.711 defines it (bias 132, 8 segments,
 * bits inverted).
 */
public final class MuLaw {

	private static final int BIAS = 0x84;

	private static final int CLIP = 32635;

	private static final short[] DECODED = new short[256];

	static {
		for (int code = 0; code < 256; code++) {
			int inverted = ~code & 0xFF;
			int magnitude = ((((inverted & 0x0F) << 3) + BIAS) << ((inverted & 0x70) >> 4)) - BIAS;
			DECODED[code] = (short) (((inverted & 0x80) != 0) ? -magnitude : magnitude);
		}
	}

	private MuLaw() {
	}

	public static byte encode(short sample) {
		int sign = (sample < 0) ? 0x80 : 0;
		int magnitude = Math.min(Math.abs((int) sample), CLIP) + BIAS;
		int exponent = 7;
		for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
			exponent--;
		}
		int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
		return (byte) ~(sign | (exponent << 4) | mantissa);
	}

	public static short decode(byte code) {
		return DECODED[code & 0xFF];
	}

	public static byte[] encode(short[] samples) {
		byte[] codes = new byte[samples.length];
		for (int i = 0; i < samples.length; i++) {
			codes[i] = encode(samples[i]);
		}
		return codes;
	}

	public static short[] decode(byte[] codes) {
		short[] samples = new short[codes.length];
		for (int i = 0; i < codes.length; i++) {
			samples[i] = decode(codes[i]);
		}
		return samples;
	}

}
