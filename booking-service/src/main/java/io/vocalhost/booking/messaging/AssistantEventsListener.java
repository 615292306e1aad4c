package io.vocalhost.booking.messaging;

import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.booking.reservation.Bookings;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantUpdated;
import io.vocalhost.common.messaging.ProcessedEvents;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the schedule replica; a deleted assistant's future bookings are cancelled. */
@Component
@KafkaListener(topics = Topics.ASSISTANT_EVENTS)
class AssistantEventsListener {

	private final ProcessedEvents processedEvents;

	private final Schedules schedules;

	private final Bookings bookings;

	AssistantEventsListener(ProcessedEvents processedEvents, Schedules schedules, Bookings bookings) {
		this.processedEvents = processedEvents;
		this.schedules = schedules;
		this.bookings = bookings;
	}

	@KafkaHandler
	@Transactional
	void on(AssistantCreated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.schedules.apply(event.assistant(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantUpdated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.schedules.apply(event.assistant(), event.occurredAt());
		}
	}

	@KafkaHandler
	@Transactional
	void on(AssistantDeleted event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.bookings.cancelFutureOf(event.assistantId(), "assistant-deleted");
			this.schedules.remove(event.assistantId());
		}
	}

}
