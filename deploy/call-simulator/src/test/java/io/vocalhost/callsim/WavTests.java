package io.vocalhost.callsim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WavTests {

	@TempDir
	Path folder;

	@Test
	void writesAndReadsBackPhoneAudioSampleForSample() throws IOException {
		short[] samples = new short[800];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (short) (Math.sin(i / 10.0) * 20000);
		}
		Path file = this.folder.resolve("reply.wav");
		Wav.writePhoneAudio(file, samples);
		assertThat(Files.size(file)).isEqualTo(44 + 1600);
		ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		assertThat(header.getShort(22)).as("channels").isEqualTo((short) 1);
		assertThat(header.getInt(24)).as("rate").isEqualTo(8000);
		assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
		assertThat(Wav.readPhoneAudio(file)).containsExactly(samples);
	}

	@Test
	void stereoIsAveragedAndAHigherRateAveragedDownTo8kHz() throws IOException {
		// 16 kHz stereo: left 1000, right 3000 on even frames, left 3000, right 5000 on
		// odd.
		short[] interleaved = new short[2 * 160];
		for (int frame = 0; frame < 160; frame++) {
			interleaved[2 * frame] = (short) ((frame % 2 == 0) ? 1000 : 3000);
			interleaved[2 * frame + 1] = (short) ((frame % 2 == 0) ? 3000 : 5000);
		}
		Path file = write(16000, 2, interleaved, false);
		short[] phone = Wav.readPhoneAudio(file);
		assertThat(phone).hasSize(80);
		// mono: 2000 and 4000 alternating; two of them per 8 kHz sample.
		assertThat(phone).containsOnly((short) 3000);
	}

	@Test
	void aLowerRateIsInterpolatedAndExtraChunksAreSkipped() throws IOException {
		Path file = write(4000, 1, new short[] { 0, 1000, 2000 }, true);
		assertThat(Wav.readPhoneAudio(file)).containsExactly((short) 0, (short) 500, (short) 1000, (short) 1500,
				(short) 2000, (short) 2000);
	}

	@Test
	void refusesWhatIsNotA16BitPcmWav() throws IOException {
		Path text = Files.writeString(this.folder.resolve("notes.wav"), "not audio at all");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.readPhoneAudio(text)).withMessageContaining("RIFF");
		Path eightBit = write(8000, 1, new short[] { 1, 2 }, false);
		byte[] bytes = Files.readAllBytes(eightBit);
		bytes[34] = 8;
		Files.write(eightBit, bytes);
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.readPhoneAudio(eightBit))
			.withMessageContaining("16-bit PCM");
	}

	/**
	 * A PCM WAV as other tools write it, optionally with a LIST chunk before the data.
	 */
	private Path write(int rate, int channels, short[] interleaved, boolean listChunk) throws IOException {
		byte[] list = listChunk ? new byte[] { 'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0 } : new byte[0];
		ByteBuffer bytes = ByteBuffer.allocate(44 + list.length + interleaved.length * 2)
			.order(ByteOrder.LITTLE_ENDIAN);
		bytes.put("RIFF".getBytes()).putInt(36 + list.length + interleaved.length * 2).put("WAVE".getBytes());
		bytes.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate);
		bytes.putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
		bytes.put(list);
		bytes.put("data".getBytes()).putInt(interleaved.length * 2);
		for (short sample : interleaved) {
			bytes.putShort(sample);
		}
		Path file = Files.createTempFile(this.folder, "in", ".wav");
		Files.write(file, bytes.array());
		return file;
	}

}
