package io.vocalhost.common.events.call;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/** An assistant picked up a call. */
@EventType("call-started")
@Externalized(Topics.CALL_EVENTS + "::#{callId()}")
public record CallStarted(UUID eventId, Instant occurredAt, UUID callId, String callSid, long assistantId, long ownerId,
		String callerPhone, String calledNumber) implements DomainEvent {
}
