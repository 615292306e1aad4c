package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.booking.availability.BookingProperties;

import org.springframework.stereotype.Component;

/**
 * Which of an assistant's slots can still be booked: not booked, not held by a call, and
 * far enough ahead. One query for the bookings and one for the holds, whatever the number
 * of slots.
 */
@Component
class FreeSlots {

	private final Bookings bookings;

	private final Holds holds;

	private final BookingProperties properties;

	private final Clock clock;

	FreeSlots(Bookings bookings, Holds holds, BookingProperties properties, Clock clock) {
		this.bookings = bookings;
		this.holds = holds;
		this.properties = properties;
		this.clock = clock;
	}

	/** The free ones among {@code slots}, which must be in time order. */
	List<Slot> of(AssistantSchedule schedule, List<Slot> slots) {
		if (slots.isEmpty()) {
			return slots;
		}
		Instant from = slots.get(0).start();
		Instant to = slots.get(slots.size() - 1).end();
		Instant earliest = this.clock.instant().plus(this.properties.minimumNotice());
		List<Booking> booked = this.bookings.activeBetween(schedule.assistantId(), from, to);
		List<Instant[]> held = this.holds.liveBetween(schedule.assistantId(), from, to);
		return slots.stream()
			.filter((slot) -> slot.start().isAfter(earliest))
			.filter((slot) -> booked.stream().noneMatch((booking) -> overlaps(booking, slot)))
			.filter((slot) -> held.stream()
				.noneMatch((hold) -> hold[0].isBefore(slot.end()) && hold[1].isAfter(slot.start())))
			.toList();
	}

	static boolean overlaps(Booking booking, Slot slot) {
		return booking.startsAt().isBefore(slot.end()) && booking.endsAt().isAfter(slot.start());
	}

}
