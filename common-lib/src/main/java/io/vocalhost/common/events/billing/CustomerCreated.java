package io.vocalhost.common.events.billing;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * Billing created the user's Stripe customer. Auth-service stores its id, which
 * {@code GET /api/auth/user/me} shows as {@code stripe_customer_id}.
 */
@EventType("customer-created")
@Externalized(Topics.BILLING_EVENTS + "::#{userId()}")
public record CustomerCreated(UUID eventId, Instant occurredAt, long userId,
		String stripeCustomerId) implements DomainEvent {
}
