package io.vocalhost.voicebridge.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What the bridge tells operators: live calls on this instance (the autoscaler's metric,
 * see docs/operations.md), calls ended by end reason, how long a call takes to reach a
 * Realtime socket, frames from and to Twilio and the bridge's time per frame, and the
 * upstream's reconnects and errors. Meters are created once; recording one is a few
 * atomic operations, so it is done for every frame.
 */
@Component
public class VoiceMetrics {

	private final MeterRegistry registry;

	private final AtomicInteger activeCalls = new AtomicInteger();

	private final Timer callSetup;

	private final Counter framesFromCaller;

	private final Counter framesToCaller;

	private final Timer frameRelay;

	private final Counter upstreamReconnects;

	private final Counter upstreamErrors;

	VoiceMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("vocalhost.voice.active.calls", this.activeCalls, AtomicInteger::get)
			.description("Calls whose media stream this instance is relaying")
			.register(registry);
		this.callSetup = Timer.builder("vocalhost.voice.call.setup")
			.description("From Twilio's start of the media stream to the Realtime socket open")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(50))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		this.framesFromCaller = frames("from_twilio");
		this.framesToCaller = frames("to_twilio");
		this.frameRelay = Timer.builder("vocalhost.voice.frame.relay")
			.description("The bridge's time to relay one frame from Twilio")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(1_000))
			.maximumExpectedValue(Duration.ofMillis(50))
			.register(registry);
		this.upstreamReconnects = Counter.builder("vocalhost.voice.upstream.reconnects")
			.description("Realtime sockets opened again after the first one failed or dropped")
			.register(registry);
		this.upstreamErrors = Counter.builder("vocalhost.voice.upstream.errors")
			.description("Realtime sockets that failed to open or dropped during a call")
			.register(registry);
	}

	private Counter frames(String direction) {
		return Counter.builder("vocalhost.voice.frames")
			.description("Frames relayed between Twilio and the Realtime API")
			.tag("direction", direction)
			.register(this.registry);
	}

	public void callStarted() {
		this.activeCalls.incrementAndGet();
	}

	/** A call whose media stream this instance relayed is over. */
	public void callEnded(String endReason) {
		this.activeCalls.decrementAndGet();
		countEnd(endReason);
	}

	/** A call answered with the fallback at the webhook, without a media stream. */
	public void callRefused(String endReason) {
		countEnd(endReason);
	}

	private void countEnd(String endReason) {
		Counter.builder("vocalhost.voice.calls.ended")
			.description("Calls ended, by end reason")
			.tag("end_reason", endReason)
			.register(this.registry)
			.increment();
	}

	public void upstreamOpened(Duration sinceStreamStart) {
		this.callSetup.record(sinceStreamStart);
	}

	public void frameFromTwilio(long nanos) {
		this.framesFromCaller.increment();
		this.frameRelay.record(nanos, TimeUnit.NANOSECONDS);
	}

	public void frameToTwilio() {
		this.framesToCaller.increment();
	}

	public void upstreamReconnected() {
		this.upstreamReconnects.increment();
	}

	public void upstreamError() {
		this.upstreamErrors.increment();
	}

}
