package io.vocalhost.common.messaging;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * Makes consumers idempotent: a consumer records the event id in the same transaction as
 * its effect, and skips the event when it was recorded before (Kafka, Stripe and Twilio
 * all deliver at least once).
 * <p>
 * An id is unique within its source only, so it is recorded with the source: VocalHost's
 * own events ({@link #OWN_EVENTS}, UUIDs) or another system's ({@code "stripe"} with
 * {@code evt_...} ids, {@code "twilio"} with SIDs).
 */
public class ProcessedEvents {

	/** The source of the events VocalHost's services publish themselves. */
	public static final String OWN_EVENTS = "vocalhost";

	private final JdbcOperations jdbc;

	public ProcessedEvents(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records one of VocalHost's own events as processed.
	 * @return {@code true} the first time, {@code false} when the event was processed
	 * before and its effect must not be applied again
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean markProcessed(UUID eventId) {
		Assert.notNull(eventId, "eventId must not be null");
		return markProcessed(OWN_EVENTS, eventId.toString());
	}

	/**
	 * Records an event of {@code source} as processed.
	 * @param source where the event comes from, such as {@code "stripe"}
	 * @param eventId the id the source gives the event, stable across its redeliveries
	 * @return {@code true} the first time, {@code false} when the event was processed
	 * before and its effect must not be applied again
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean markProcessed(String source, String eventId) {
		Assert.hasText(source, "source must not be empty");
		Assert.hasText(eventId, "eventId must not be empty");
		return this.jdbc.update("INSERT INTO processed_event (source, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
				source, eventId) == 1;
	}

}
