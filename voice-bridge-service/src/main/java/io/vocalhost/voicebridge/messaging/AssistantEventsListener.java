package io.vocalhost.voicebridge.messaging;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantUpdated;
import io.vocalhost.common.messaging.ProcessedEvents;
import io.vocalhost.voicebridge.assistant.Assistants;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the assistant replica, applying each event once. */
@Component
@KafkaListener(topics = Topics.ASSISTANT_EVENTS)
class AssistantEventsListener {

	private final ProcessedEvents processedEvents;

	private final Assistants assistants;

	AssistantEventsListener(ProcessedEvents processedEvents, Assistants assistants) {
		this.processedEvents = processedEvents;
		this.assistants = assistants;
	}

	@KafkaHandler
	@Transactional
	void on(AssistantCreated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.assistants.apply(event.assistant(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantUpdated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.assistants.apply(event.assistant(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantDeleted event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.assistants.remove(event.assistantId());
		}
	}

}
