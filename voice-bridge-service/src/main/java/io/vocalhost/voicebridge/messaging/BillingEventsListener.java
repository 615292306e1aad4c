package io.vocalhost.voicebridge.messaging;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.common.messaging.ProcessedEvents;
import io.vocalhost.voicebridge.plan.Plans;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the plan replica, applying each event once. */
@Component
@KafkaListener(topics = Topics.BILLING_EVENTS)
class BillingEventsListener {

	private final ProcessedEvents processedEvents;

	private final Plans plans;

	BillingEventsListener(ProcessedEvents processedEvents, Plans plans) {
		this.processedEvents = processedEvents;
		this.plans = plans;
	}

	@KafkaHandler
	@Transactional
	void on(SubscriptionChanged event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.plans.subscriptionChanged(event.userId(), event.plan(), event.status(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(PaymentFailed event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.plans.paymentFailed(event.userId(), event.occurredAt());
		}
	}

	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
		// customer-created and any later type: not about plans; ignored, never
		// dead-lettered.
	}

}
