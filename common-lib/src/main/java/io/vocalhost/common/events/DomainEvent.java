package io.vocalhost.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every VocalHost event carries: a unique id (consumers record it to process each
 * event once) and the instant the change happened.
 */
public interface DomainEvent {

	UUID eventId();

	Instant occurredAt();

}
