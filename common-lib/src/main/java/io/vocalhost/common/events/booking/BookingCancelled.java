package io.vocalhost.common.events.booking;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * An appointment was cancelled and its time is free again.
 *
 * @param reason why: {@code customer}, {@code business} or {@code assistant-deleted}
 */
@EventType("booking-cancelled")
@Externalized(Topics.BOOKING_EVENTS + "::#{bookingId()}")
public record BookingCancelled(UUID eventId, Instant occurredAt, long bookingId, long assistantId, String customerPhone,
		Instant start, Instant end, String timeZone, String reason) implements DomainEvent {
}
