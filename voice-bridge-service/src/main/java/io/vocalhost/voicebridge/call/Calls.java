package io.vocalhost.voicebridge.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.common.events.call.CallCompleted;
import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.common.events.call.CallStarted;
import io.vocalhost.voicebridge.relay.Conversation.Turn;
import io.vocalhost.voicebridge.relay.ToolCall;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calls Twilio offered the bridge, from the webhook to their end. A call of a known
 * assistant publishes {@code call-started} when the assistant takes it and
 * {@code call-completed} when it ends (also when it got the fallback), each in the
 * transaction that changes the call's row.
 */
@Component
public class Calls {

	private static final String COLUMNS = """
			id, call_sid, assistant_id, owner_id, caller, called_number, started_at, answered_at, ended_at,
			end_reason, twilio_status, duration_seconds""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Calls(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a call Twilio offered; a redelivered webhook for the same call sid gets the
	 * call recorded the first time.
	 * @return the call's conversation id
	 */
	public UUID offered(String callSid, Long assistantId, Long ownerId, String caller, String calledNumber) {
		return this.jdbc.sql("""
				INSERT INTO call (id, call_sid, assistant_id, owner_id, caller, called_number, started_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (call_sid) DO UPDATE SET call_sid = EXCLUDED.call_sid
				RETURNING id
				""")
			.params(UUID.randomUUID(), callSid, assistantId, ownerId, caller, calledNumber,
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.query(UUID.class)
			.single();
	}

	/**
	 * The assistant takes a call whose stream was let in, once: {@code call-started}.
	 * @return the call, empty when it has ended already or has no assistant
	 */
	@Transactional
	public Optional<CallRecord> answered(UUID callId) {
		Instant now = this.clock.instant();
		Optional<CallRecord> answered = this.jdbc
			.sql("UPDATE call SET answered_at = ? WHERE id = ?"
					+ " AND answered_at IS NULL AND ended_at IS NULL AND assistant_id IS NOT NULL RETURNING " + COLUMNS)
			.params(now.atOffset(ZoneOffset.UTC), callId)
			.query(Calls::record)
			.optional();
		answered.ifPresent((call) -> this.events.publishEvent(new CallStarted(UUID.randomUUID(), now, call.id(),
				call.callSid(), call.assistantId(), call.ownerId(), call.caller(), call.calledNumber())));
		return answered;
	}

	/** Ends a call once, without turns; a later end keeps the first reason. */
	@Transactional
	public void ended(UUID callId, CallEndReason reason) {
		ended(callId, reason, List.of(), List.of());
	}

	/**
	 * Ends a call once, with its turns, the tools the assistant called and the summary of
	 * both, and publishes {@code call-completed}; a later end keeps the first reason and
	 * only adds turns and tool calls if the first end had none.
	 */
	@Transactional
	public void ended(UUID callId, CallEndReason reason, List<Turn> turns, List<ToolCall> toolCalls) {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("UPDATE call SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL RETURNING " + COLUMNS)
			.params(now.atOffset(ZoneOffset.UTC), reason.name(), callId)
			.query(Calls::record)
			.optional()
			.filter((call) -> call.assistantId() != null)
			.ifPresent((call) -> this.events.publishEvent(new CallCompleted(UUID.randomUUID(), now, call.id(),
					call.callSid(), call.assistantId(), call.ownerId(), call.startedAt(), call.endedAt(),
					Duration.between(call.startedAt(), call.endedAt()).toSeconds(), reason)));
		boolean stored = this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM call_message WHERE call_id = ?)
					OR EXISTS (SELECT 1 FROM call_tool_call WHERE call_id = ?)
				""").params(callId, callId).query(Boolean.class).single();
		if (stored) {
			return;
		}
		String caller = find(callId).map(CallRecord::caller).orElse(null);
		this.jdbc.sql("UPDATE call SET summary = ? WHERE id = ?")
			.params(CallSummaries.of(caller, turns, toolCalls), callId)
			.update();
		for (int seq = 0; seq < toolCalls.size(); seq++) {
			ToolCall tool = toolCalls.get(seq);
			this.jdbc.sql("""
					INSERT INTO call_tool_call (call_id, seq, name, arguments, output, at, took_ms)
					VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, seq) DO NOTHING
					""")
				.params(callId, seq + 1, tool.name(), tool.arguments(), tool.output(),
						tool.at().atOffset(ZoneOffset.UTC), tool.took().toMillis())
				.update();
		}
		for (int seq = 0; seq < turns.size(); seq++) {
			Turn turn = turns.get(seq);
			this.jdbc.sql("""
					INSERT INTO call_message (call_id, seq, role, text, at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (call_id, seq) DO NOTHING
					""")
				.params(callId, seq + 1, turn.role().wireName(), turn.text(), turn.at().atOffset(ZoneOffset.UTC))
				.update();
		}
	}

	/** Twilio's final word on a call: its status and duration. */
	public void statusReported(String callSid, String status, Integer durationSeconds) {
		this.jdbc.sql("UPDATE call SET twilio_status = ?, duration_seconds = ? WHERE call_sid = ?")
			.params(status, durationSeconds, callSid)
			.update();
	}

	public Optional<CallRecord> find(UUID callId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM call WHERE id = ?")
			.param(callId)
			.query(Calls::record)
			.optional();
	}

	static CallRecord record(ResultSet row, int number) throws SQLException {
		return new CallRecord(row.getObject("id", UUID.class), row.getString("call_sid"),
				(Long) row.getObject("assistant_id"), (Long) row.getObject("owner_id"), row.getString("caller"),
				row.getString("called_number"), instant(row, "started_at"), instant(row, "answered_at"),
				instant(row, "ended_at"), row.getString("end_reason"), row.getString("twilio_status"),
				(Integer) row.getObject("duration_seconds"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
