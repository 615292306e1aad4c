package io.vocalhost.booking.availability;

/**
 * The time cannot be booked: outside the hours, too soon, too far ahead, skipped by the
 * clocks, or the assistant takes no bookings.
 */
public class TimeNotBookableException extends RuntimeException {

	public TimeNotBookableException(String details) {
		super(details);
	}

}
