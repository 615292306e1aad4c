package io.vocalhost.callsim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * WAV files of 16-bit linear PCM: read at any sample rate, mono or multi-channel, as 8
 * kHz mono (what a phone line carries); written as 8 kHz mono.
 */
public final class Wav {

	public static final int PHONE_RATE = 8000;

	private static final int PCM = 1;

	private static final int EXTENSIBLE = 0xFFFE;

	private Wav() {
	}

	/**
	 * The file's audio as 8 kHz mono samples: channels averaged; a higher rate averaged
	 * over each output sample's span (a box low-pass against aliasing), a lower one
	 * interpolated linearly.
	 * @throws IllegalArgumentException when the file is not a 16-bit PCM WAV
	 */
	public static short[] readPhoneAudio(Path file) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.remaining() < 12 || bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157) {
			throw new IllegalArgumentException(file + " is not a WAV file (no RIFF/WAVE header)");
		}
		int channels = 0;
		int rate = 0;
		int position = 12;
		while (position + 8 <= bytes.limit()) {
			int id = bytes.getInt(position);
			int size = bytes.getInt(position + 4);
			int body = position + 8;
			if (size < 0 || body + size > bytes.limit()) {
				size = bytes.limit() - body;
			}
			if (id == 0x20746d66) {
				int format = bytes.getShort(body) & 0xFFFF;
				channels = bytes.getShort(body + 2);
				rate = bytes.getInt(body + 4);
				int bits = bytes.getShort(body + 14);
				if ((format != PCM && format != EXTENSIBLE) || bits != 16 || channels < 1 || rate <= 0) {
					throw new IllegalArgumentException(file + " is not 16-bit PCM (format " + format + ", " + bits
							+ " bits); convert it, e.g. with: sox in.wav -b 16 out.wav");
				}
			}
			else if (id == 0x61746164) {
				if (channels == 0) {
					throw new IllegalArgumentException(file + " has its data before its format chunk");
				}
				return toPhone(mono(bytes.slice(body, size).order(ByteOrder.LITTLE_ENDIAN), channels), rate);
			}
			position = body + size + (size & 1);
		}
		throw new IllegalArgumentException(file + " has no audio data chunk");
	}

	/** Writes 8 kHz mono 16-bit PCM. */
	public static void writePhoneAudio(Path file, short[] samples) throws IOException {
		ByteBuffer bytes = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		bytes.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
		bytes.putInt(0x20746d66).putInt(16).putShort((short) PCM).putShort((short) 1).putInt(PHONE_RATE);
		bytes.putInt(PHONE_RATE * 2).putShort((short) 2).putShort((short) 16);
		bytes.putInt(0x61746164).putInt(samples.length * 2);
		for (short sample : samples) {
			bytes.putShort(sample);
		}
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(bytes.array());
		}
	}

	private static short[] mono(ByteBuffer data, int channels) {
		short[] mono = new short[data.remaining() / (2 * channels)];
		for (int frame = 0; frame < mono.length; frame++) {
			int sum = 0;
			for (int channel = 0; channel < channels; channel++) {
				sum += data.getShort((frame * channels + channel) * 2);
			}
			mono[frame] = (short) (sum / channels);
		}
		return mono;
	}

	private static short[] toPhone(short[] samples, int rate) {
		if (rate == PHONE_RATE) {
			return samples;
		}
		short[] phone = new short[(int) ((long) samples.length * PHONE_RATE / rate)];
		double step = (double) rate / PHONE_RATE;
		for (int i = 0; i < phone.length; i++) {
			double from = i * step;
			if (step > 1) {
				int first = (int) from;
				int end = Math.min(samples.length, Math.max(first + 1, (int) (from + step)));
				long sum = 0;
				for (int j = first; j < end; j++) {
					sum += samples[j];
				}
				phone[i] = (short) (sum / (end - first));
			}
			else {
				int before = (int) from;
				int after = Math.min(before + 1, samples.length - 1);
				double weight = from - before;
				phone[i] = (short) Math.round(samples[before] * (1 - weight) + samples[after] * weight);
			}
		}
		return phone;
	}

}
