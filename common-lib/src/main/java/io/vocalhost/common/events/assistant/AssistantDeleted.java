package io.vocalhost.common.events.assistant;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * An assistant was deleted and its number released; every service purges what it holds of
 * it.
 */
@EventType("assistant-deleted")
@Externalized(Topics.ASSISTANT_EVENTS + "::#{assistantId()}")
public record AssistantDeleted(UUID eventId, Instant occurredAt, long assistantId, long ownerId,
		String releasedNumber) implements DomainEvent {
}
