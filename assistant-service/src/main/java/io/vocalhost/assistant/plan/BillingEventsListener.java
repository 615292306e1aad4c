package io.vocalhost.assistant.plan;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.common.messaging.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plan state from billing, each event applied once. A failed payment makes the
 * subscription past due and the assistants run on through the grace period
 * ({@link PaymentGrace} stops them after it); an unpaid, canceled or expired subscription
 * stops them at once, an active (or trialing) one reactivates them. What is decided is
 * the stored state, so a late, older event changes nothing.
 */
@Component
@KafkaListener(topics = Topics.BILLING_EVENTS)
class BillingEventsListener {

	private final ProcessedEvents processedEvents;

	private final PlanStates plans;

	private final PaymentGrace grace;

	BillingEventsListener(ProcessedEvents processedEvents, PlanStates plans, PaymentGrace grace) {
		this.processedEvents = processedEvents;
		this.plans = plans;
		this.grace = grace;
	}

	@KafkaHandler
	@Transactional
	void on(SubscriptionChanged event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.plans.record(event.userId(), event.plan(), event.status(), event.occurredAt());
			this.grace.apply(event.userId());
		}
	}

	@KafkaHandler
	@Transactional
	void on(PaymentFailed event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.plans.recordPaymentFailed(event.userId(), event.occurredAt());
			this.grace.apply(event.userId());
		}
	}

	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
		// customer-created: the Stripe customer is auth's and billing's concern.
	}

}
