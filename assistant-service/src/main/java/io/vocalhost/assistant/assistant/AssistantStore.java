package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.Telephony;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Assistants and their opening hours in assistant-service's database. */
@Repository
class AssistantStore {

	private static final String COLUMNS = """
			id, owner_id, name, business_name, description, time_zone, booking_duration_minutes, voice_type,
			greeting, business_phone, twilio_number, number_simulated, status, created_at, enabled_features""";

	private final JdbcClient jdbc;

	AssistantStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Assistant assistant, Instant now) {
		Receptionist receptionist = assistant.receptionist();
		Business business = assistant.business();
		WeeklySchedule schedule = assistant.schedule();
		long id = this.jdbc.sql("""
				INSERT INTO assistant (owner_id, name, business_name, description, time_zone,
					booking_duration_minutes, voice_type, greeting, business_phone, status, created_at, updated_at,
					enabled_features)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
				""")
			.params(assistant.ownerId(), receptionist.name(), business.name(), business.description(),
					schedule.timeZone(), schedule.slotMinutes(), receptionist.voice(), receptionist.greeting(),
					business.phone(), assistant.status(), assistant.createdAt().atOffset(ZoneOffset.UTC),
					now.atOffset(ZoneOffset.UTC), Features.Check.toJson(receptionist.features()))
			.query(Long.class)
			.single();
		replaceHours(id, schedule.hours());
		return id;
	}

	void update(Assistant assistant, Instant now) {
		Receptionist receptionist = assistant.receptionist();
		Business business = assistant.business();
		WeeklySchedule schedule = assistant.schedule();
		this.jdbc.sql("""
				UPDATE assistant SET name = ?, business_name = ?, description = ?, time_zone = ?,
					booking_duration_minutes = ?, voice_type = ?, greeting = ?, business_phone = ?, twilio_number = ?,
					number_simulated = ?, status = ?, updated_at = ?, enabled_features = ?
				WHERE id = ?
				""")
			.params(receptionist.name(), business.name(), business.description(), schedule.timeZone(),
					schedule.slotMinutes(), receptionist.voice(), receptionist.greeting(), business.phone(),
					assistant.telephony().number(), assistant.telephony().simulated(), assistant.status(),
					now.atOffset(ZoneOffset.UTC), Features.Check.toJson(receptionist.features()), assistant.id())
			.update();
		replaceHours(assistant.id(), schedule.hours());
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM assistant WHERE id = ?").param(id).update();
	}

	Optional<Assistant> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM assistant WHERE id = ?")
			.param(id)
			.query((row, number) -> new Assistant(row.getLong("id"), row.getLong("owner_id"),
					new Receptionist(row.getString("name"), row.getString("voice_type"), row.getString("greeting"),
							Features.Check.parse(row.getString("enabled_features")).orElseThrow()),
					new Business(row.getString("business_name"), row.getString("description"),
							row.getString("business_phone")),
					new WeeklySchedule(row.getString("time_zone"), row.getInt("booking_duration_minutes"),
							hoursOf(row.getLong("id"))),
					new Telephony(row.getString("twilio_number"), row.getBoolean("number_simulated")),
					row.getString("status"), row.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	List<Assistant> ofOwner(long ownerId) {
		List<Long> ids = this.jdbc.sql("SELECT id FROM assistant WHERE owner_id = ? ORDER BY id")
			.param(ownerId)
			.query(Long.class)
			.list();
		return ids.stream().map(this::find).flatMap(Optional::stream).toList();
	}

	int countOfOwner(long ownerId) {
		return this.jdbc.sql("SELECT count(*) FROM assistant WHERE owner_id = ?")
			.param(ownerId)
			.query(Integer.class)
			.single();
	}

	/** Serializes the plan-limit check of one owner's concurrent registrations. */
	void lockOwner(long ownerId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(ownerId).query(Object.class).single();
	}

	private void replaceHours(long id, List<OpeningHours> hours) {
		this.jdbc.sql("DELETE FROM opening_hours WHERE assistant_id = ?").param(id).update();
		for (OpeningHours range : hours) {
			this.jdbc
				.sql("INSERT INTO opening_hours (assistant_id, day_of_week, start_time, end_time) VALUES (?, ?, ?, ?)")
				.params(id, range.day().getValue(), range.start(), range.end())
				.update();
		}
	}

	private List<OpeningHours> hoursOf(long id) {
		return this.jdbc.sql("""
				SELECT day_of_week, start_time, end_time FROM opening_hours
				WHERE assistant_id = ? ORDER BY day_of_week, start_time
				""")
			.param(id)
			.query((row, number) -> new OpeningHours(DayOfWeek.of(row.getInt("day_of_week")),
					row.getObject("start_time", LocalTime.class), row.getObject("end_time", LocalTime.class)))
			.list();
	}

}
