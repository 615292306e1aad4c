package io.vocalhost.voicebridge.messaging;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.booking.BookingCancelled;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.common.events.booking.BookingRescheduled;
import io.vocalhost.common.messaging.ProcessedEvents;
import io.vocalhost.voicebridge.sms.Confirmations;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Texts the customer about each booking change, applying each event once. */
@Component
@KafkaListener(topics = Topics.BOOKING_EVENTS)
class BookingEventsListener {

	private final ProcessedEvents processedEvents;

	private final Confirmations confirmations;

	BookingEventsListener(ProcessedEvents processedEvents, Confirmations confirmations) {
		this.processedEvents = processedEvents;
		this.confirmations = confirmations;
	}

	@KafkaHandler
	@Transactional
	void on(BookingCreated event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.confirmations.booked(event);
		}
	}

	@KafkaHandler
	@Transactional
	void on(BookingRescheduled event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.confirmations.rescheduled(event);
		}
	}

	@KafkaHandler
	@Transactional
	void on(BookingCancelled event) {
		if (this.processedEvents.markProcessed(event.eventId())) {
			this.confirmations.cancelled(event);
		}
	}

}
