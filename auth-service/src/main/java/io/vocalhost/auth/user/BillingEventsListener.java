package io.vocalhost.auth.user;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.CustomerCreated;
import io.vocalhost.common.messaging.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learns each user's Stripe customer id from billing ({@code customer-created}, applied
 * once); the other billing events are not auth's concern.
 */
@Component
@KafkaListener(topics = Topics.BILLING_EVENTS)
class BillingEventsListener {

	private final ProcessedEvents processedEvents;

	private final Users users;

	BillingEventsListener(ProcessedEvents processedEvents, Users users) {
		this.processedEvents = processedEvents;
		this.users = users;
	}

	@KafkaHandler
	@Transactional
	void on(CustomerCreated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.users.recordStripeCustomer(event.userId(), event.stripeCustomerId());
		}
	}

	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
		// subscription-changed, payment-failed: plan state is billing's and assistant's.
	}

}
