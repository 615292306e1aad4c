package io.vocalhost.rag.messaging;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantUpdated;
import io.vocalhost.common.messaging.ProcessedEvents;
import io.vocalhost.rag.document.Documents;
import io.vocalhost.rag.replica.AssistantOwners;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each assistant's owner; a deleted assistant's documents and vectors are removed.
 */
@Component
@KafkaListener(topics = Topics.ASSISTANT_EVENTS)
class AssistantEventsListener {

	private final ProcessedEvents processedEvents;

	private final AssistantOwners owners;

	private final Documents documents;

	AssistantEventsListener(ProcessedEvents processedEvents, AssistantOwners owners, Documents documents) {
		this.processedEvents = processedEvents;
		this.owners = owners;
		this.documents = documents;
	}

	@KafkaHandler
	@Transactional
	void on(AssistantCreated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.owners.apply(event.assistant().assistantId(), event.assistant().ownerId(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantUpdated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.owners.apply(event.assistant().assistantId(), event.assistant().ownerId(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantDeleted event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.documents.deleteAssistant(event.assistantId());
			this.owners.remove(event.assistantId());
		}
	}

}
