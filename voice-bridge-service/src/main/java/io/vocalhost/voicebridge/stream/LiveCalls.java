package io.vocalhost.voicebridge.stream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vocalhost.voicebridge.system.VoiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The calls this instance is carrying: their timers tick here, and on shutdown they are
 * drained. Stopping first of all lifecycles (before the web server's graceful shutdown),
 * it turns the instance not-ready, lets the live calls run on until they end or
 * {@code VOICE_DRAIN_TIMEOUT}, then ends the rest politely and waits for them to hang up.
 */
@Component
class LiveCalls implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);

	/** Beyond the goodbye: the REST hang-up and the sockets closing. */
	private static final Duration HANG_UP_MARGIN = Duration.ofSeconds(15);

	/** One live call, as the drain and the timers see it. */
	interface LiveCall {

		/** Looks at the call's timers. */
		void tick();

		/** Ends the call politely because the instance shuts down. */
		void drain();

	}

	private final Set<LiveCall> calls = ConcurrentHashMap.newKeySet();

	private final ApplicationEventPublisher events;

	private final VoiceProperties properties;

	private volatile Disposable ticker;

	LiveCalls(ApplicationEventPublisher events, VoiceProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	void add(LiveCall call) {
		this.calls.add(call);
	}

	void remove(LiveCall call) {
		this.calls.remove(call);
		synchronized (this.calls) {
			this.calls.notifyAll();
		}
	}

	@Override
	public void start() {
		if (this.ticker != null) {
			// Started again after a stop (a paused context resumed): ready once more.
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
		Duration tick = this.properties.callLimits().tick();
		this.ticker = Flux.interval(tick, tick, Schedulers.parallel()).subscribe((count) -> tickAll());
	}

	private void tickAll() {
		for (LiveCall call : this.calls) {
			try {
				call.tick();
			}
			catch (RuntimeException ex) {
				log.error("A call's timers failed", ex);
			}
		}
	}

	@Override
	public void stop() {
		// Boot turns readiness down as the context closes; said here too so the drain
		// never
		// runs while the instance still looks ready.
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		Duration drainTimeout = this.properties.drainTimeout();
		log.info("Draining: {} live calls run on for up to {}", this.calls.size(), drainTimeout);
		if (!awaitNoCalls(drainTimeout)) {
			log.info("Drain timeout: ending {} live calls politely", this.calls.size());
			this.calls.forEach(LiveCall::drain);
			if (!awaitNoCalls(this.properties.goodbyeTimeout().plus(HANG_UP_MARGIN))) {
				log.warn("{} calls were still open when the drain gave up", this.calls.size());
			}
		}
		this.ticker.dispose();
	}

	private boolean awaitNoCalls(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.calls) {
			while (!this.calls.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.calls, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.ticker;
		return current != null && !current.isDisposed();
	}

	/** Stops first: before the web server, the Kafka listeners and the database. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
