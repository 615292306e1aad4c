package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.booking.availability.BookingProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which of an assistant's slots can still be booked: not booked, not held by a call, and
 * far enough ahead. One query for everything that blocks time, whatever the number of
 * slots, and no transaction around it: the slot list is a snapshot either way, and the
 * database still refuses a double booking when somebody books.
 */
@Component
class FreeSlots {

	private final JdbcClient jdbc;

	private final BookingProperties properties;

	private final Clock clock;

	FreeSlots(JdbcClient jdbc, BookingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** The free ones among {@code slots}, which must be in time order. */
	List<Slot> of(AssistantSchedule schedule, List<Slot> slots) {
		if (slots.isEmpty()) {
			return slots;
		}
		Instant now = this.clock.instant();
		Instant earliest = now.plus(this.properties.minimumNotice());
		List<Busy> busy = busyBetween(schedule.assistantId(), slots.get(0).start(), slots.get(slots.size() - 1).end(),
				now);
		return slots.stream()
			.filter((slot) -> slot.start().isAfter(earliest))
			.filter((slot) -> busy.stream().noneMatch((time) -> time.overlaps(slot.start(), slot.end())))
			.toList();
	}

	/** Active bookings and live holds that overlap [from, to). */
	private List<Busy> busyBetween(long assistantId, Instant from, Instant to, Instant now) {
		OffsetDateTime start = from.atOffset(ZoneOffset.UTC);
		OffsetDateTime end = to.atOffset(ZoneOffset.UTC);
		return this.jdbc.sql("""
				SELECT starts_at, ends_at FROM booking
				WHERE assistant_id = ? AND status = 'active' AND starts_at < ? AND ends_at > ?
				UNION ALL
				SELECT starts_at, ends_at FROM slot_hold
				WHERE assistant_id = ? AND expires_at > ? AND starts_at < ? AND ends_at > ?
				""")
			.params(assistantId, end, start, assistantId, now.atOffset(ZoneOffset.UTC), end, start)
			.query((row, number) -> new Busy(row.getObject("starts_at", OffsetDateTime.class).toInstant(),
					row.getObject("ends_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	static boolean overlaps(Booking booking, Slot slot) {
		return new Busy(booking.startsAt(), booking.endsAt()).overlaps(slot.start(), slot.end());
	}

	private record Busy(Instant start, Instant end) {

		boolean overlaps(Instant from, Instant to) {
			return this.start.isBefore(to) && this.end.isAfter(from);
		}

	}

}
