package io.vocalhost.booking.reservation;

import java.time.Instant;

/** A stored booking. */
public record Booking(long id, long assistantId, String customerName, String customerPhone, String details,
		Instant startsAt, Instant endsAt, String status, Instant createdAt) {
}
