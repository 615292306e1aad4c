package io.vocalhost.common.events.user;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/** A person signed in for the first time. Billing creates their Stripe customer. */
@EventType("user-registered")
@Externalized(Topics.USER_EVENTS + "::#{userId()}")
public record UserRegistered(UUID eventId, Instant occurredAt, long userId, String name,
		String email) implements DomainEvent {
}
