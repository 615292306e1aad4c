package io.vocalhost.callsim.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

import io.vocalhost.callsim.CallerAudio;
import io.vocalhost.callsim.MediaStream;

/**
 * A benchmark frame: 20 ms of μ-law whose first 16 bytes carry the call, the frame's
 * sequence number and the {@link System#nanoTime()} it was sent at, so that its latency
 * can be read wherever it arrives (the bridge passes payloads through unchanged).
 */
record FrameTag(int call, int sequence, long sentNanos) {

	static byte[] frame(int call, int sequence, long sentNanos) {
		byte[] audio = new byte[MediaStream.FRAME_BYTES];
		Arrays.fill(audio, CallerAudio.SILENCE);
		ByteBuffer.wrap(audio).putInt(call).putInt(sequence).putLong(sentNanos);
		return audio;
	}

	static FrameTag read(String base64) {
		ByteBuffer audio = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
		return new FrameTag(audio.getInt(), audio.getInt(), audio.getLong());
	}

	/** The same frame, sent again now. */
	String resent(long nowNanos) {
		return Base64.getEncoder().encodeToString(frame(this.call, this.sequence, nowNanos));
	}

}
