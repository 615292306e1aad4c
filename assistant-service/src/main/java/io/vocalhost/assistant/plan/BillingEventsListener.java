package io.vocalhost.assistant.plan;

import io.vocalhost.assistant.assistant.Assistants;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.common.messaging.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plan state from billing: a failed payment marks the subscription past due and suspends
 * the owner's assistants, an active (or trialing) subscription reactivates them. Each
 * event is applied once.
 */
@Component
@KafkaListener(topics = Topics.BILLING_EVENTS)
class BillingEventsListener {

	private final ProcessedEvents processedEvents;

	private final PlanStates plans;

	private final Assistants assistants;

	BillingEventsListener(ProcessedEvents processedEvents, PlanStates plans, Assistants assistants) {
		this.processedEvents = processedEvents;
		this.plans = plans;
		this.assistants = assistants;
	}

	@KafkaHandler
	@Transactional
	void on(SubscriptionChanged event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.plans.record(event.userId(), event.plan(), event.status(), event.occurredAt());
			boolean paid = "active".equals(event.status()) || "trialing".equals(event.status());
			this.assistants.setStatusOfOwner(event.userId(), paid);
		}
	}

	@KafkaHandler
	@Transactional
	void on(PaymentFailed event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.plans.recordPaymentFailed(event.userId(), event.occurredAt());
			this.assistants.setStatusOfOwner(event.userId(), false);
		}
	}

}
