package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Assistants and their opening hours in assistant-service's database. */
@Repository
class AssistantStore {

	private static final String COLUMNS = """
			id, owner_id, name, business_name, description, time_zone, booking_duration_minutes, voice_type,
			greeting, business_phone, twilio_number, number_simulated, status""";

	private final JdbcClient jdbc;

	AssistantStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Assistant assistant, Instant now) {
		long id = this.jdbc.sql("""
				INSERT INTO assistant (owner_id, name, business_name, description, time_zone,
					booking_duration_minutes, voice_type, greeting, business_phone, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
				""")
			.params(assistant.ownerId(), assistant.name(), assistant.businessName(), assistant.description(),
					assistant.timeZone(), assistant.bookingDurationMinutes(), assistant.voiceType(),
					assistant.greeting(), assistant.businessPhone(), assistant.status(), now.atOffset(ZoneOffset.UTC),
					now.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
		replaceHours(id, assistant.hours());
		return id;
	}

	void update(Assistant assistant, Instant now) {
		this.jdbc.sql("""
				UPDATE assistant SET name = ?, business_name = ?, description = ?, time_zone = ?,
					booking_duration_minutes = ?, voice_type = ?, greeting = ?, business_phone = ?, twilio_number = ?,
					number_simulated = ?, status = ?, updated_at = ?
				WHERE id = ?
				""")
			.params(assistant.name(), assistant.businessName(), assistant.description(), assistant.timeZone(),
					assistant.bookingDurationMinutes(), assistant.voiceType(), assistant.greeting(),
					assistant.businessPhone(), assistant.twilioNumber(), assistant.numberSimulated(),
					assistant.status(), now.atOffset(ZoneOffset.UTC), assistant.id())
			.update();
		replaceHours(assistant.id(), assistant.hours());
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM assistant WHERE id = ?").param(id).update();
	}

	Optional<Assistant> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM assistant WHERE id = ?")
			.param(id)
			.query((row, number) -> new Assistant(row.getLong("id"), row.getLong("owner_id"), row.getString("name"),
					row.getString("business_name"), row.getString("description"), row.getString("time_zone"),
					row.getInt("booking_duration_minutes"), row.getString("voice_type"), row.getString("greeting"),
					row.getString("business_phone"), row.getString("twilio_number"), row.getBoolean("number_simulated"),
					row.getString("status"), List.of()))
			.optional()
			.map((assistant) -> withHours(assistant,
					hoursOf(List.of(assistant.id())).getOrDefault(assistant.id(), List.of())));
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

	private Map<Long, List<OpeningHours>> hoursOf(List<Long> ids) {
		return this.jdbc.sql("""
				SELECT assistant_id, day_of_week, start_time, end_time FROM opening_hours
				WHERE assistant_id = ANY (?) ORDER BY day_of_week, start_time
				""")
			.param(ids.toArray(Long[]::new))
			.query((row, number) -> Map.entry(row.getLong("assistant_id"),
					new OpeningHours(DayOfWeek.of(row.getInt("day_of_week")),
							row.getObject("start_time", LocalTime.class), row.getObject("end_time", LocalTime.class))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toCollection(ArrayList::new))));
	}

	static Assistant withHours(Assistant a, List<OpeningHours> hours) {
		return new Assistant(a.id(), a.ownerId(), a.name(), a.businessName(), a.description(), a.timeZone(),
				a.bookingDurationMinutes(), a.voiceType(), a.greeting(), a.businessPhone(), a.twilioNumber(),
				a.numberSimulated(), a.status(), hours);
	}

}
