package io.vocalhost.common.events.booking;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * An appointment was booked.
 *
 * @param source where it was made: {@code call} or {@code dashboard}
 */
@EventType("booking-created")
@Externalized(Topics.BOOKING_EVENTS + "::#{bookingId()}")
public record BookingCreated(UUID eventId, Instant occurredAt, long bookingId, long assistantId, String customerName,
		String customerPhone, Instant start, Instant end, String timeZone, String details,
		String source) implements DomainEvent {
}
