package io.vocalhost.billing.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What users use: call minutes from {@code call-completed} (each call once, rounded up to
 * whole minutes) and their assistants from {@code assistant-events}.
 */
@Service
public class Usage {

	private final JdbcClient jdbc;

	Usage(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Rounds a call up to whole minutes, as telephony bills. */
	static int minutesOf(long durationSeconds) {
		return (int) ((Math.max(durationSeconds, 0) + 59) / 60);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void callCompleted(UUID callId, long userId, Instant endedAt, long durationSeconds) {
		this.jdbc.sql("""
				INSERT INTO call_usage (call_id, user_id, ended_at, minutes) VALUES (?, ?, ?, ?)
				ON CONFLICT (call_id) DO NOTHING
				""").params(callId, userId, endedAt.atOffset(ZoneOffset.UTC), minutesOf(durationSeconds)).update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void assistantExists(long assistantId, long ownerId) {
		this.jdbc.sql("INSERT INTO assistant_owner (assistant_id, owner_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(assistantId, ownerId)
			.update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void assistantDeleted(long assistantId) {
		this.jdbc.sql("DELETE FROM assistant_owner WHERE assistant_id = ?").param(assistantId).update();
	}

	@Transactional(readOnly = true)
	public int assistantsOf(long userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM assistant_owner WHERE owner_id = ?")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Minutes of the calls that ended in the period; without one (the free plan), the
	 * current calendar month in UTC.
	 */
	@Transactional(readOnly = true)
	public int callMinutesOf(long userId, Instant periodStart, Instant periodEnd, Instant now) {
		YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
		Instant from = (periodStart != null) ? periodStart : month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		Instant to = (periodEnd != null) ? periodEnd
				: month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
		return this.jdbc.sql("""
				SELECT COALESCE(SUM(minutes), 0) FROM call_usage WHERE user_id = ? AND ended_at >= ? AND ended_at < ?
				""")
			.params(userId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
	}

}
