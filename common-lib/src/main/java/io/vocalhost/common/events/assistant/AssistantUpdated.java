package io.vocalhost.common.events.assistant;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/** An assistant was updated, with its whole configuration after the change. */
@EventType("assistant-updated")
@Externalized(Topics.ASSISTANT_EVENTS + "::#{assistant().assistantId()}")
public record AssistantUpdated(UUID eventId, Instant occurredAt, AssistantSnapshot assistant) implements DomainEvent {
}
