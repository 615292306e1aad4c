package io.vocalhost.booking.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.common.jdbc.PostgresErrors;
import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.BookingProperties;
import io.vocalhost.booking.availability.TimeNotBookableException;
import io.vocalhost.common.events.booking.BookingCancelled;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.common.events.booking.BookingRescheduled;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bookings of an assistant's time. The database refuses overlapping active bookings (an
 * exclusion constraint), so two people racing for one slot get exactly one booking,
 * whatever the number of service instances.
 */
@Service
public class Bookings {

	private static final String COLUMNS = """
			b.id, b.assistant_id, b.customer_name, coalesce(c.phone, '') AS customer_phone, b.details,
			b.starts_at, b.ends_at, b.status, b.created_at""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final BookingProperties properties;

	private final Holds holds;

	private final Clock clock;

	Bookings(JdbcClient jdbc, ApplicationEventPublisher events, BookingProperties properties, Holds holds,
			Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.properties = properties;
		this.holds = holds;
		this.clock = clock;
	}

	/**
	 * Books [start, start + slot length) for a customer.
	 * @throws TimeNotBookableException when the time cannot be booked
	 * @throws SlotTakenException when it is taken
	 */
	@Transactional
	public Booking book(AssistantSchedule schedule, ZonedDateTime start, String customerName, String customerPhone,
			String details, String source) {
		return book(schedule, start, customerName, customerPhone, details, source, null);
	}

	/**
	 * Books, as the holder of {@code holdId} when given: a time another call holds is
	 * refused.
	 */
	@Transactional
	public Booking book(AssistantSchedule schedule, ZonedDateTime start, String customerName, String customerPhone,
			String details, String source, UUID holdId) {
		Instant now = this.clock.instant();
		ZonedDateTime end = start.plus(schedule.slotLength());
		checkBookable(schedule, start, end, now);
		if (this.holds.heldByAnother(schedule.assistantId(), start.toInstant(), end.toInstant(), holdId)) {
			throw new SlotTakenException("Another call is holding that time");
		}
		if (holdId != null) {
			this.holds.release(holdId);
		}
		long customerId = this.jdbc.sql("""
				INSERT INTO customer (assistant_id, phone, name, created_at, last_contact_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (assistant_id, phone) DO UPDATE SET name = EXCLUDED.name,
					last_contact_at = EXCLUDED.last_contact_at
				RETURNING id
				""")
			.params(schedule.assistantId(), customerPhone, customerName, utc(now), utc(now))
			.query(Long.class)
			.single();
		long id;
		try {
			id = this.jdbc.sql("""
					INSERT INTO booking (assistant_id, customer_id, customer_name, details, starts_at, ends_at, source,
						created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
					""")
				.params(schedule.assistantId(), customerId, customerName, details, utc(start.toInstant()),
						utc(end.toInstant()), source, utc(now))
				.query(Long.class)
				.single();
		}
		catch (DataIntegrityViolationException ex) {
			throw slotTakenOr(ex, start, schedule);
		}
		this.events.publishEvent(new BookingCreated(UUID.randomUUID(), now, id, schedule.assistantId(), customerName,
				customerPhone, start.toInstant(), end.toInstant(), schedule.zone().getId(), details, source));
		return find(schedule.assistantId(), id).orElseThrow();
	}

	/** Moves a booking to another time, under the same rules as booking it. */
	@Transactional
	public Booking reschedule(AssistantSchedule schedule, long bookingId, ZonedDateTime start) {
		Booking booking = active(schedule, bookingId);
		Instant now = this.clock.instant();
		ZonedDateTime end = start.plus(schedule.slotLength());
		checkBookable(schedule, start, end, now);
		try {
			this.jdbc.sql("UPDATE booking SET starts_at = ?, ends_at = ? WHERE id = ?")
				.params(utc(start.toInstant()), utc(end.toInstant()), bookingId)
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			throw slotTakenOr(ex, start, schedule);
		}
		this.events.publishEvent(new BookingRescheduled(UUID.randomUUID(), now, bookingId, schedule.assistantId(),
				booking.customerPhone(), booking.startsAt(), booking.endsAt(), start.toInstant(), end.toInstant(),
				schedule.zone().getId()));
		return find(schedule.assistantId(), bookingId).orElseThrow();
	}

	@Transactional
	public void cancel(AssistantSchedule schedule, long bookingId, String reason) {
		cancel(active(schedule, bookingId), schedule.zone().getId(), reason);
	}

	private Booking active(AssistantSchedule schedule, long bookingId) {
		return find(schedule.assistantId(), bookingId).filter((candidate) -> candidate.status().equals("active"))
			.orElseThrow(() -> new BookingNotFoundException(
					"No active booking " + bookingId + " of assistant " + schedule.assistantId()));
	}

	private void checkBookable(AssistantSchedule schedule, ZonedDateTime start, ZonedDateTime end, Instant now) {
		if (!schedule.takesBookings()) {
			throw unbookable("The assistant is suspended and takes no new bookings");
		}
		if (start.toInstant().isBefore(now.plus(this.properties.minimumNotice()))) {
			throw unbookable("The time is in the past or too soon to book");
		}
		if (start.toInstant().isAfter(now.plus(Duration.ofDays(this.properties.maxDaysAhead())))) {
			throw unbookable("Bookings are taken at most " + this.properties.maxDaysAhead() + " days ahead");
		}
		if (!schedule.coversRange(start, end)) {
			throw unbookable("The time is outside the business hours");
		}
	}

	private static RuntimeException slotTakenOr(DataIntegrityViolationException ex, ZonedDateTime start,
			AssistantSchedule schedule) {
		if (PostgresErrors.isExclusionViolation(ex)) {
			return new SlotTakenException(
					"Another booking already takes " + start.toLocalDateTime() + " " + schedule.zone());
		}
		return ex;
	}

	/**
	 * Cancels every booking of the assistant that has not started yet, each one
	 * published.
	 */
	@Transactional
	public void cancelFutureOf(long assistantId, String reason) {
		String zone = this.jdbc.sql("SELECT time_zone FROM assistant_schedule WHERE assistant_id = ?")
			.param(assistantId)
			.query(String.class)
			.optional()
			.orElse("UTC");
		this.jdbc
			.sql("SELECT " + COLUMNS + " FROM booking b LEFT JOIN customer c ON c.id = b.customer_id "
					+ "WHERE b.assistant_id = ? AND b.status = 'active' AND b.starts_at > ?")
			.params(assistantId, utc(this.clock.instant()))
			.query(Bookings::booking)
			.list()
			.forEach((booking) -> cancel(booking, zone, reason));
	}

	@Transactional(readOnly = true)
	public Optional<Booking> find(long assistantId, long bookingId) {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM booking b LEFT JOIN customer c ON c.id = b.customer_id WHERE b.assistant_id = ? AND b.id = ?")
			.params(assistantId, bookingId)
			.query(Bookings::booking)
			.optional();
	}

	/** Active bookings that overlap [from, to). */
	@Transactional(readOnly = true)
	public List<Booking> activeBetween(long assistantId, Instant from, Instant to) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM booking b LEFT JOIN customer c ON c.id = b.customer_id "
					+ "WHERE b.assistant_id = ? AND b.status = 'active' AND b.starts_at < ? AND b.ends_at > ? "
					+ "ORDER BY b.starts_at")
			.params(assistantId, utc(to), utc(from))
			.query(Bookings::booking)
			.list();
	}

	private void cancel(Booking booking, String zone, String reason) {
		Instant now = this.clock.instant();
		this.jdbc.sql("UPDATE booking SET status = 'cancelled', cancelled_at = ? WHERE id = ?")
			.params(utc(now), booking.id())
			.update();
		this.events.publishEvent(new BookingCancelled(UUID.randomUUID(), now, booking.id(), booking.assistantId(),
				booking.customerPhone(), booking.startsAt(), booking.endsAt(), zone, reason));
	}

	private static Booking booking(ResultSet row, int number) throws SQLException {
		return new Booking(row.getLong("id"), row.getLong("assistant_id"), row.getString("customer_name"),
				row.getString("customer_phone"), row.getString("details"),
				row.getObject("starts_at", OffsetDateTime.class).toInstant(),
				row.getObject("ends_at", OffsetDateTime.class).toInstant(), row.getString("status"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	private static TimeNotBookableException unbookable(String details) {
		return new TimeNotBookableException(details);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
