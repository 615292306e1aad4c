package io.vocalhost.common.events.call;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/** A call ended. Billing counts usage from these. */
@EventType("call-completed")
@Externalized(Topics.CALL_EVENTS + "::#{callId()}")
public record CallCompleted(UUID eventId, Instant occurredAt, UUID callId, String callSid, long assistantId,
		long ownerId, Instant startedAt, Instant endedAt, long durationSeconds,
		CallEndReason endReason) implements DomainEvent {
}
