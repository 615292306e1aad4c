package io.vocalhost.common.security;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.session.SessionRevoked;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Every instance of every service hears every revocation, and leaves nothing behind on
 * the broker: it assigns itself all partitions of {@code session-events} without a
 * consumer group (no group, no committed offsets, nothing abandoned when a pod goes).
 * <p>
 * Where a starting instance reads from: a revocation matters only while its session's
 * access tokens are still valid (minutes), so the instance seeks each partition to the
 * first record of the last {@code revocationLookback} (by record timestamp) rather than
 * to the oldest retained record (days of history) or to the end (which would miss a
 * logout of a few minutes ago). It reads up to the end before the web server starts
 * (waiting at most {@link #CATCH_UP}), so that no request is checked against an
 * incomplete list. After a broker failure it seeks back the same way; applying a
 * revocation twice changes nothing.
 */
public class SessionRevocationListener implements SmartLifecycle {

	/** How long start-up waits for the revocations of the lookback window. */
	static final Duration CATCH_UP = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Logger logger = LoggerFactory.getLogger(SessionRevocationListener.class);

	private final RevokedSessions revokedSessions;

	private final Supplier<Consumer<String, Object>> consumers;

	private final Duration lookback;

	private final Clock clock;

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private volatile boolean running;

	private volatile Consumer<String, Object> consumer;

	private Thread thread;

	/**
	 * @param consumerFactory the service's consumer settings (deserializers, event
	 * types); its group id is not used
	 */
	public SessionRevocationListener(RevokedSessions revokedSessions, ConsumerFactory<?, ?> consumerFactory,
			Duration lookback, Clock clock) {
		this.revokedSessions = revokedSessions;
		Map<String, Object> settings = new HashMap<>(consumerFactory.getConfigurationProperties());
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		DefaultKafkaConsumerFactory<String, Object> groupless = new DefaultKafkaConsumerFactory<>(settings);
		this.consumers = () -> groupless.createConsumer(null, "-sessions");
		this.lookback = lookback;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.thread = new Thread(this::run, "session-revocations");
		this.thread.setDaemon(true);
		this.thread.start();
		try {
			if (!this.caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Revocations of the last {} not read within {}: reading on in the background",
						this.lookback, CATCH_UP);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		Consumer<String, Object> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			this.thread.join(Duration.ofSeconds(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Started before the web server, so its first request meets a complete list. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void run() {
		while (this.running) {
			try (Consumer<String, Object> opened = this.consumers.get()) {
				this.consumer = opened;
				if (this.running) {
					follow(opened);
				}
			}
			catch (WakeupException ex) {
				return;
			}
			catch (RuntimeException ex) {
				logger.warn("Reading {} failed, starting over: {}", Topics.SESSION_EVENTS, ex.getMessage());
				pause();
			}
			finally {
				this.consumer = null;
			}
		}
	}

	private void follow(Consumer<String, Object> consumer) {
		List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSION_EVENTS)
			.stream()
			.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
			.toList();
		if (partitions.isEmpty()) {
			throw new IllegalStateException("the topic has no partitions yet");
		}
		consumer.assign(partitions);
		long since = this.clock.instant().minus(this.lookback).toEpochMilli();
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach((partition) -> query.put(partition, since));
		Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp start = starts.get(partition);
			consumer.seek(partition, (start != null) ? start.offset() : ends.get(partition));
		}
		while (this.running) {
			for (ConsumerRecord<String, Object> record : consumer.poll(POLL)) {
				if (record.value() instanceof SessionRevoked event) {
					this.revokedSessions.revoke(event.sessionId(), event.tokensValidUntil());
				}
			}
			if (this.caughtUp.getCount() > 0 && partitions.stream()
				.allMatch((partition) -> consumer.position(partition) >= ends.get(partition))) {
				this.caughtUp.countDown();
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
