package io.vocalhost.booking.availability;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The replica of every assistant's schedule, kept from assistant-events. */
@Component
public class Schedules {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	Schedules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Applies a snapshot unless a newer one is already applied. */
	public void apply(AssistantSnapshot snapshot, Instant at) {
		this.jdbc
			.sql("""
					INSERT INTO assistant_schedule (assistant_id, owner_id, time_zone, slot_minutes, status, hours, updated_at)
					VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
					ON CONFLICT (assistant_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, time_zone = EXCLUDED.time_zone,
						slot_minutes = EXCLUDED.slot_minutes, status = EXCLUDED.status, hours = EXCLUDED.hours,
						updated_at = EXCLUDED.updated_at
					WHERE assistant_schedule.updated_at <= EXCLUDED.updated_at
					""")
			.params(snapshot.assistantId(), snapshot.ownerId(), snapshot.timeZone(), snapshot.slotMinutes(),
					snapshot.status(), json.writeValueAsString(snapshot.hours()), at.atOffset(ZoneOffset.UTC))
			.update();
	}

	public void remove(long assistantId) {
		this.jdbc.sql("DELETE FROM assistant_schedule WHERE assistant_id = ?").param(assistantId).update();
	}

	/**
	 * The schedule of an assistant of this owner; unknown or someone else's answers 404.
	 */
	public AssistantSchedule ofOwner(long assistantId, long ownerId) {
		return find(assistantId).filter((schedule) -> schedule.ownerId() == ownerId)
			.orElseThrow(() -> new AssistantNotFoundException("No assistant " + assistantId + " among yours"));
	}

	public Optional<AssistantSchedule> find(long assistantId) {
		return this.jdbc.sql("""
				SELECT assistant_id, owner_id, time_zone, slot_minutes, status, hours::text AS hours
				FROM assistant_schedule WHERE assistant_id = ?
				""")
			.param(assistantId)
			.query((row, number) -> new AssistantSchedule(row.getLong("assistant_id"), row.getLong("owner_id"),
					ZoneId.of(row.getString("time_zone")), row.getInt("slot_minutes"), row.getString("status"),
					json.readValue(row.getString("hours"), new TypeReference<List<OpeningHours>>() {
					})))
			.optional();
	}

}
