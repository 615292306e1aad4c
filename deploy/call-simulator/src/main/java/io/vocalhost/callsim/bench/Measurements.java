package io.vocalhost.callsim.bench;

import java.util.Arrays;

/**
 * What one benchmark run saw, per call and frame: when each caller frame was sent, its
 * latency up (simulated Twilio to the Realtime stand-in) and, for its echo, down (the
 * stand-in back to Twilio). Each slot is written by one thread (the call's pacer or the
 * socket's event loop) and read after the run.
 */
final class Measurements {

	static final long MISSING = -1;

	final long[][] sent;

	final long[][] up;

	final long[][] echoed;

	final long[][] down;

	/** When the stand-in answered the call's {@code session.update}. */
	final long[] sessionReady;

	Measurements(int calls, int frames) {
		this.sent = filled(calls, frames);
		this.up = filled(calls, frames);
		this.echoed = filled(calls, frames);
		this.down = filled(calls, frames);
		this.sessionReady = new long[calls];
		Arrays.fill(this.sessionReady, Long.MAX_VALUE);
	}

	private static long[][] filled(int calls, int frames) {
		long[][] slots = new long[calls][frames];
		for (long[] call : slots) {
			Arrays.fill(call, MISSING);
		}
		return slots;
	}

	boolean inRange(FrameTag tag) {
		return tag.call() >= 0 && tag.call() < this.sent.length && tag.sequence() >= 0
				&& tag.sequence() < this.sent[0].length;
	}

	/** p50, p99 and max of the latencies in microseconds. */
	static long[] percentilesMicros(long[][] latencies) {
		long[] all = Arrays.stream(latencies)
			.flatMapToLong(Arrays::stream)
			.filter((value) -> value >= 0)
			.sorted()
			.toArray();
		if (all.length == 0) {
			return new long[] { -1, -1, -1 };
		}
		return new long[] { all[all.length / 2] / 1000, all[(int) (all.length * 0.99)] / 1000,
				all[all.length - 1] / 1000 };
	}

}
