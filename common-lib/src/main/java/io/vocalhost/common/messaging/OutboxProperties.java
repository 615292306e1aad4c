package io.vocalhost.common.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox retries events that could not reach Kafka.
 *
 * @param retryInterval how often failed publications are sent again
 * @param batchSize how many failed publications one retry round sends at most
 * @param resubmissionTimeout how long a retry round waits for its sends to complete
 * before another instance may take over; longer than the producer's
 * {@code delivery.timeout.ms}
 */
@ConfigurationProperties("vocalhost.outbox")
public record OutboxProperties(@DefaultValue("5s") Duration retryInterval, @DefaultValue("100") int batchSize,
		@DefaultValue("30s") Duration resubmissionTimeout) {
}
