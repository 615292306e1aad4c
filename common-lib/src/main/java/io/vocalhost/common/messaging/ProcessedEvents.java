package io.vocalhost.common.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes Kafka consumers idempotent: a consumer records the event id in the same
 * transaction as its effect, and skips the event when it was recorded before (Kafka
 * delivers at least once).
 */
public class ProcessedEvents {

	private final JdbcOperations jdbc;

	public ProcessedEvents(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the event as processed.
	 * @return {@code true} the first time, {@code false} when the event was processed
	 * before and its effect must not be applied again
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean markProcessed(UUID eventId) {
		return this.jdbc.update("INSERT INTO processed_event (event_id) VALUES (?) ON CONFLICT DO NOTHING",
				eventId) == 1;
	}

}
