package io.vocalhost.common.events.billing;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * A user's plan or subscription state changed. Keyed by user: one user's billing events
 * stay in order.
 *
 * @param plan {@code free}, {@code basic} or {@code pro}
 * @param status the Stripe subscription status ({@code active}, {@code past_due},
 * {@code canceled}, ...)
 */
@EventType("subscription-changed")
@Externalized(Topics.BILLING_EVENTS + "::#{userId()}")
public record SubscriptionChanged(UUID eventId, Instant occurredAt, long userId, String subscriptionId, String plan,
		String status, Instant currentPeriodEnd) implements DomainEvent {
}
