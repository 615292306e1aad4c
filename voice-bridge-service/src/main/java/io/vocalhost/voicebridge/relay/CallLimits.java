package io.vocalhost.voicebridge.relay;

import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * When the bridge ends a call by itself.
 *
 * @param idleTimeout silence (neither the caller speaking nor the assistant) after which
 * the assistant asks once whether the caller is still there; after another such silence
 * the call ends politely
 * @param maxCallDuration a call this long ends politely
 * @param goodbyeTimeout how long a polite end waits for the goodbye to be played before
 * hanging up anyway
 * @param toolTimeout how long the assistant's tool may take before the model is told it
 * could not answer in time
 */
public record CallLimits(Duration idleTimeout, Duration maxCallDuration, Duration goodbyeTimeout,
		Duration toolTimeout) {

	/**
	 * How often the timers are looked at: a tenth of the shortest limit, between 20 ms
	 * and 1 s.
	 */
	public Duration tick() {
		Duration shortest = Stream.of(this.idleTimeout, this.maxCallDuration, this.goodbyeTimeout)
			.min(Comparator.naturalOrder())
			.orElseThrow();
		return Stream.of(Duration.ofMillis(20), shortest.dividedBy(10))
			.max(Comparator.naturalOrder())
			.filter((tick) -> tick.compareTo(Duration.ofSeconds(1)) < 0)
			.orElse(Duration.ofSeconds(1));
	}

}
