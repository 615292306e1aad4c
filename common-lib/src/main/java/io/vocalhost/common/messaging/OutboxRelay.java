package io.vocalhost.common.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends again the publications of the outbox that failed, typically because Kafka was
 * down at commit time, so that every committed change reaches Kafka once it is back,
 * without a restart.
 * <p>
 * Safe with several instances on one database: a round runs only while its instance holds
 * a PostgreSQL transaction-scoped advisory lock, and the lock is held until every
 * publication the round resubmitted is completed or failed again (the Kafka send
 * completes asynchronously), or until {@code resubmissionTimeout}. An instance that does
 * not get the lock skips the round. The relay runs on a scheduler of its own, so the
 * library switches on no scheduling for the application.
 */
public class OutboxRelay implements SmartLifecycle {

	/** The advisory lock key: the bytes of "vhoutbox". */
	static final long LOCK_KEY = 0x76686f7574626f78L;

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration COMPLETION_POLL = Duration.ofMillis(100);

	private final FailedEventPublications failedPublications;

	private final OutboxProperties properties;

	private final JdbcOperations jdbc;

	private final TransactionTemplate lockTransaction;

	private final TransactionTemplate outsideLockTransaction;

	private ThreadPoolTaskScheduler scheduler;

	public OutboxRelay(FailedEventPublications failedPublications, OutboxProperties properties, JdbcOperations jdbc,
			PlatformTransactionManager transactionManager) {
		this.failedPublications = failedPublications;
		this.properties = properties;
		this.jdbc = jdbc;
		this.lockTransaction = new TransactionTemplate(transactionManager);
		this.outsideLockTransaction = new TransactionTemplate(transactionManager);
		this.outsideLockTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	/**
	 * One retry round: resubmits up to {@code batchSize} failed publications and waits
	 * for their sends, unless another instance is running a round.
	 * @return {@code true} when this instance held the lock and ran the round
	 */
	public boolean resubmitFailed() {
		try {
			return Boolean.TRUE.equals(this.lockTransaction.execute((status) -> {
				if (!Boolean.TRUE
					.equals(this.jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY))) {
					return false;
				}
				// Outside the lock's transaction: each status change of the registry
				// commits at once, so the sends' completions are not held up by it.
				this.outsideLockTransaction.executeWithoutResult((none) -> resubmitAndAwaitSends());
				return true;
			}));
		}
		catch (RuntimeException ex) {
			logger.warn("Resubmitting failed event publications did not complete: {}", ex.getMessage());
			return false;
		}
	}

	private void resubmitAndAwaitSends() {
		List<UUID> resubmitted = Collections.synchronizedList(new ArrayList<>());
		this.failedPublications.resubmit(ResubmissionOptions.defaults()
			.withBatchSize(this.properties.batchSize())
			.withFilter((publication) -> resubmitted.add(publication.getIdentifier())));
		if (resubmitted.isEmpty()) {
			return;
		}
		// Elapsed time on the monotonic clock: a wall clock set back or a test clock held
		// still must not keep the lock.
		long deadline = System.nanoTime() + this.properties.resubmissionTimeout().toNanos();
		while (inFlight(resubmitted) > 0) {
			if (System.nanoTime() - deadline > 0) {
				logger.warn("Resubmitted event publications still in flight after {}; releasing the outbox lock",
						this.properties.resubmissionTimeout());
				return;
			}
			try {
				Thread.sleep(COMPLETION_POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private long inFlight(List<UUID> ids) {
		String placeholders = String.join(",", Collections.nCopies(ids.size(), "?"));
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE status = 'RESUBMITTED' AND id IN (" + placeholders + ")",
				Long.class, ids.toArray());
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("outbox-relay-");
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds((int) this.properties.resubmissionTimeout().toSeconds() + 1);
		scheduler.initialize();
		Duration interval = this.properties.retryInterval();
		scheduler.scheduleWithFixedDelay(this::resubmitFailed, scheduler.getClock().instant().plus(interval), interval);
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
