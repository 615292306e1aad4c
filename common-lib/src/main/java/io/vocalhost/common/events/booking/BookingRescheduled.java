package io.vocalhost.common.events.booking;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/** An appointment moved to another time. */
@EventType("booking-rescheduled")
@Externalized(Topics.BOOKING_EVENTS + "::#{bookingId()}")
public record BookingRescheduled(UUID eventId, Instant occurredAt, long bookingId, long assistantId,
		String customerPhone, Instant previousStart, Instant previousEnd, Instant start, Instant end,
		String timeZone) implements DomainEvent {
}
