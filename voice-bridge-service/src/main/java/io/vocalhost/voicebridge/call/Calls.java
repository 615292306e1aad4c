package io.vocalhost.voicebridge.call;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The calls Twilio offered the bridge, from the webhook to their end. */
@Component
public class Calls {

	private final JdbcClient jdbc;

	private final Clock clock;

	Calls(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
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

	/** Ends a call once; a later end keeps the first reason. */
	public void ended(UUID callId, EndReason reason) {
		this.jdbc.sql("UPDATE call SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), reason.name(), callId)
			.update();
	}

	/** Twilio's final word on a call: its status and duration. */
	public void statusReported(String callSid, String status, Integer durationSeconds) {
		this.jdbc.sql("UPDATE call SET twilio_status = ?, duration_seconds = ? WHERE call_sid = ?")
			.params(status, durationSeconds, callSid)
			.update();
	}

	public Optional<CallRecord> find(UUID callId) {
		return this.jdbc.sql("""
				SELECT id, call_sid, assistant_id, caller, called_number, end_reason, twilio_status, duration_seconds
				FROM call WHERE id = ?
				""")
			.param(callId)
			.query((row, number) -> new CallRecord(row.getObject("id", UUID.class), row.getString("call_sid"),
					(Long) row.getObject("assistant_id"), row.getString("caller"), row.getString("called_number"),
					row.getString("end_reason"), row.getString("twilio_status"),
					(Integer) row.getObject("duration_seconds")))
			.optional();
	}

}
