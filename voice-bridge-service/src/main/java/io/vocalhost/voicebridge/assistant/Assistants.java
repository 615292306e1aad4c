package io.vocalhost.voicebridge.assistant;

import java.sql.ResultSet;
import java.sql.SQLException;
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

/** The replica of every assistant, kept from assistant-events. */
@Component
public class Assistants {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String SELECT = """
			SELECT assistant_id, owner_id, receptionist_name, business_name, description, time_zone,
				hours::text AS hours, voice, greeting, business_phone, twilio_number, status
			FROM assistant""";

	private final JdbcClient jdbc;

	Assistants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Applies a snapshot unless a newer one is already applied. */
	public void apply(AssistantSnapshot snapshot, Instant at) {
		this.jdbc.sql("""
				INSERT INTO assistant (assistant_id, owner_id, receptionist_name, business_name, description, time_zone,
					hours, voice, greeting, business_phone, twilio_number, status, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (assistant_id) DO UPDATE SET owner_id = EXCLUDED.owner_id,
					receptionist_name = EXCLUDED.receptionist_name, business_name = EXCLUDED.business_name,
					description = EXCLUDED.description, time_zone = EXCLUDED.time_zone, hours = EXCLUDED.hours,
					voice = EXCLUDED.voice, greeting = EXCLUDED.greeting, business_phone = EXCLUDED.business_phone,
					twilio_number = EXCLUDED.twilio_number, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
				WHERE assistant.updated_at <= EXCLUDED.updated_at
				""")
			.params(snapshot.assistantId(), snapshot.ownerId(), snapshot.receptionistName(), snapshot.businessName(),
					snapshot.description(), snapshot.timeZone(), json.writeValueAsString(snapshot.hours()),
					snapshot.voice(), snapshot.greeting(), snapshot.businessPhone(), snapshot.twilioNumber(),
					snapshot.status(), at.atOffset(ZoneOffset.UTC))
			.update();
	}

	public void remove(long assistantId) {
		this.jdbc.sql("DELETE FROM assistant WHERE assistant_id = ?").param(assistantId).update();
	}

	/**
	 * The assistant that answers calls to this number, the most recently changed one
	 * first.
	 */
	public Optional<AssistantReplica> byNumber(String twilioNumber) {
		return this.jdbc.sql(SELECT + " WHERE twilio_number = ? ORDER BY updated_at DESC LIMIT 1")
			.param(twilioNumber)
			.query(Assistants::replica)
			.optional();
	}

	public Optional<AssistantReplica> find(long assistantId) {
		return this.jdbc.sql(SELECT + " WHERE assistant_id = ?")
			.param(assistantId)
			.query(Assistants::replica)
			.optional();
	}

	private static AssistantReplica replica(ResultSet row, int number) throws SQLException {
		return new AssistantReplica(row.getLong("assistant_id"), row.getLong("owner_id"),
				row.getString("receptionist_name"), row.getString("business_name"), row.getString("description"),
				ZoneId.of(row.getString("time_zone")),
				json.readValue(row.getString("hours"), new TypeReference<List<OpeningHours>>() {
				}), row.getString("voice"), row.getString("greeting"), row.getString("business_phone"),
				row.getString("twilio_number"), row.getString("status"));
	}

}
