package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import io.vocalhost.common.jdbc.PostgresErrors;
import io.vocalhost.booking.availability.AssistantSchedule;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slots held for a live call while the caller confirms: for {@code HOLD_TIME}, nobody
 * else can book or hold an overlapping time. The database refuses overlapping holds.
 */
@Component
public class Holds {

	public static final Duration HOLD_TIME = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	Holds(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public Hold hold(AssistantSchedule schedule, ZonedDateTime start, String holder) {
		Instant now = this.clock.instant();
		Instant end = start.toInstant().plus(schedule.slotLength());
		this.jdbc.sql("DELETE FROM slot_hold WHERE assistant_id = ? AND expires_at <= ?")
			.params(schedule.assistantId(), now.atOffset(ZoneOffset.UTC))
			.update();
		UUID id = UUID.randomUUID();
		Instant expiresAt = now.plus(HOLD_TIME);
		try {
			this.jdbc.sql("""
					INSERT INTO slot_hold (id, assistant_id, holder, starts_at, ends_at, expires_at)
					VALUES (?, ?, ?, ?, ?, ?)
					""")
				.params(id, schedule.assistantId(), holder, start.toInstant().atOffset(ZoneOffset.UTC),
						end.atOffset(ZoneOffset.UTC), expiresAt.atOffset(ZoneOffset.UTC))
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			if (PostgresErrors.isExclusionViolation(ex)) {
				throw new SlotTakenException("Another call is holding that time");
			}
			throw ex;
		}
		return new Hold(id, start.toInstant(), end, expiresAt);
	}

	/** Whether another holder has a live hold on part of [start, end). */
	boolean heldByAnother(long assistantId, Instant start, Instant end, UUID holdId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM slot_hold WHERE assistant_id = ? AND expires_at > ?
				AND starts_at < ? AND ends_at > ? AND id <> ?
				""")
			.params(assistantId, this.clock.instant().atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC),
					start.atOffset(ZoneOffset.UTC), (holdId != null) ? holdId : new UUID(0, 0))
			.query(Long.class)
			.single() > 0;
	}

	void release(UUID holdId) {
		this.jdbc.sql("DELETE FROM slot_hold WHERE id = ?").param(holdId).update();
	}

	public record Hold(UUID id, Instant start, Instant end, Instant expiresAt) {
	}

}
