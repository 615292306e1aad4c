package io.vocalhost.voicebridge.sms;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.vocalhost.common.events.booking.BookingCancelled;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.common.events.booking.BookingRescheduled;
import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.assistant.Assistants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One text message to the customer per booking change, from the assistant's number, with
 * the time as the business tells it: in the booking's zone (the business's).
 */
@Component
public class Confirmations {

	private static final Logger log = LoggerFactory.getLogger(Confirmations.class);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private final Assistants assistants;

	private final TextMessages messages;

	private final SmsProperties properties;

	Confirmations(Assistants assistants, TextMessages messages, SmsProperties properties) {
		this.assistants = assistants;
		this.messages = messages;
		this.properties = properties;
	}

	public void booked(BookingCreated event) {
		confirm(event.assistantId(), event.bookingId(), event.customerPhone(), "booked",
				this.properties.bookedTemplate(), event.start(), event.timeZone());
	}

	public void rescheduled(BookingRescheduled event) {
		confirm(event.assistantId(), event.bookingId(), event.customerPhone(), "rescheduled",
				this.properties.rescheduledTemplate(), event.start(), event.timeZone());
	}

	public void cancelled(BookingCancelled event) {
		confirm(event.assistantId(), event.bookingId(), event.customerPhone(), "cancelled",
				this.properties.cancelledTemplate(), event.start(), event.timeZone());
	}

	private void confirm(long assistantId, long bookingId, String customerPhone, String kind, String template,
			Instant start, String timeZone) {
		if (customerPhone == null || customerPhone.isBlank()) {
			return;
		}
		AssistantReplica assistant = this.assistants.find(assistantId).orElse(null);
		if (assistant == null) {
			log.warn("Booking {}: assistant {} is unknown here, no {} message", bookingId, assistantId, kind);
			return;
		}
		ZoneId zone = (timeZone != null && !timeZone.isBlank()) ? ZoneId.of(timeZone) : assistant.zone();
		this.messages.send(assistant, customerPhone, kind,
				text(template, assistant.businessName(), start.atZone(zone)));
	}

	static String text(String template, String business, ZonedDateTime start) {
		return template.replace("{business}", business)
			.replace("{date}", DATE.format(start))
			.replace("{time}", TIME.format(start));
	}

}
