package io.vocalhost.common.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends again the publications of the outbox that failed, typically because Kafka was
 * down at commit time, so that every committed change reaches Kafka once it is back,
 * without a restart.
 */
public class OutboxRelay {

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final FailedEventPublications failedPublications;

	private final OutboxProperties properties;

	public OutboxRelay(FailedEventPublications failedPublications, OutboxProperties properties) {
		this.failedPublications = failedPublications;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${vocalhost.outbox.retry-interval:5s}",
			initialDelayString = "${vocalhost.outbox.retry-interval:5s}")
	public void resubmitFailed() {
		try {
			this.failedPublications.resubmit(ResubmissionOptions.defaults().withBatchSize(this.properties.batchSize()));
		}
		catch (RuntimeException ex) {
			logger.warn("Resubmitting failed event publications did not complete: {}", ex.getMessage());
		}
	}

}
