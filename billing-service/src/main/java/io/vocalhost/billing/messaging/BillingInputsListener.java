package io.vocalhost.billing.messaging;

import io.vocalhost.billing.customer.Customers;
import io.vocalhost.billing.usage.Usage;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.call.CallCompleted;
import io.vocalhost.common.events.user.UserRegistered;
import io.vocalhost.common.messaging.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What billing learns from the other services: new users (a Stripe customer each),
 * assistants (counted per plan) and completed calls (call minutes). Each event is applied
 * once; the other types of these topics are not billing's concern.
 */
@Component
@KafkaListener(topics = { Topics.USER_EVENTS, Topics.ASSISTANT_EVENTS, Topics.CALL_EVENTS })
class BillingInputsListener {

	private final ProcessedEvents processedEvents;

	private final Customers customers;

	private final Usage usage;

	BillingInputsListener(ProcessedEvents processedEvents, Customers customers, Usage usage) {
		this.processedEvents = processedEvents;
		this.customers = customers;
		this.usage = usage;
	}

	@KafkaHandler
	@Transactional
	void on(UserRegistered event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.customers.register(event.userId(), event.name(), event.email());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantCreated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.usage.assistantExists(event.assistant().assistantId(), event.assistant().ownerId());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantDeleted event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.usage.assistantDeleted(event.assistantId());
		}
	}

	@KafkaHandler
	@Transactional
	void on(CallCompleted event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.usage.callCompleted(event.callId(), event.ownerId(), event.endedAt(), event.durationSeconds());
		}
	}

	@KafkaHandler(isDefault = true)
	void ignore(Object event) {
		// assistant-updated, call-started: nothing billing counts.
	}

}
