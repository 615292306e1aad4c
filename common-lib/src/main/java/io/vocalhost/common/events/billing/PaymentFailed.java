package io.vocalhost.common.events.billing;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * A subscription payment failed. Assistant-service suspends the user's assistants.
 *
 * @param amountDue in the smallest unit of the currency (cents)
 */
@EventType("payment-failed")
@Externalized(Topics.BILLING_EVENTS + "::#{userId()}")
public record PaymentFailed(UUID eventId, Instant occurredAt, long userId, String subscriptionId, String invoiceId,
		long amountDue, String currency, int attempt) implements DomainEvent {
}
