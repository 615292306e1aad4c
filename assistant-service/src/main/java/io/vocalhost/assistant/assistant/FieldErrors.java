package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.text.WireFormats;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * Checks and parses what a client sent, collecting every problem with the field it is
 * about, so that a rejected request names all its mistakes at once and nothing is
 * written.
 */
final class FieldErrors {

	private static final Set<String> VOICES = Set.of("male", "female");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<String> errors = new ArrayList<>();

	void add(String field, String problem) {
		this.errors.add(field + ": " + problem);
	}

	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", String.join("; ", this.errors));
		}
	}

	String text(String field, String value, boolean required) {
		if (value == null || value.isBlank()) {
			if (required) {
				add(field, "is required");
			}
			return null;
		}
		if (value.length() > 2000) {
			add(field, "must be at most 2000 characters");
			return null;
		}
		return value.trim();
	}

	LocalTime time(String field, String value) {
		Optional<LocalTime> time = WireFormats.time(value);
		if (time.isEmpty()) {
			add(field, "must be a time as HH:MM");
			return null;
		}
		return time.get();
	}

	Integer duration(String field, Integer minutes) {
		if (minutes == null || minutes < 5 || minutes > 480) {
			add(field, "must be between 5 and 480 minutes");
			return null;
		}
		return minutes;
	}

	String voice(String field, String value) {
		String voice = (value != null) ? value.trim().toLowerCase(Locale.ROOT) : null;
		if (voice == null || !VOICES.contains(voice)) {
			add(field, "must be male or female");
			return null;
		}
		return voice;
	}

	String phone(String field, String value) {
		if (!WireFormats.isE164Phone(value)) {
			add(field, "must be a phone number in E.164 form, like +14155550123");
			return null;
		}
		return value.trim();
	}

	String zone(String field, String value) {
		Optional<ZoneId> zone = WireFormats.zone(value);
		if (zone.isEmpty()) {
			add(field, "must be an IANA time zone, like Europe/Berlin");
			return null;
		}
		return zone.get().getId();
	}

	/** Weekday booleans, as an object or its JSON text: {"monday": true, ...}. */
	Set<DayOfWeek> days(String field, Object value) {
		Map<String, Object> map;
		if (value instanceof Map<?, ?> given) {
			map = new HashMap<>();
			given.forEach((key, flag) -> map.put(String.valueOf(key), flag));
		}
		else if (value instanceof String text) {
			try {
				map = json.readValue(text, new TypeReference<Map<String, Object>>() {
				});
			}
			catch (JacksonException ex) {
				add(field, "must be a JSON object of weekday booleans, like {\"monday\": true}");
				return null;
			}
		}
		else {
			add(field, "must be an object of weekday booleans, like {\"monday\": true}");
			return null;
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (Map.Entry<String, Object> entry : map.entrySet()) {
			DayOfWeek day = day(entry.getKey());
			if (day == null) {
				add(field, "'" + entry.getKey() + "' is not a weekday name");
				return null;
			}
			if (Boolean.TRUE.equals(entry.getValue()) || "true".equals(String.valueOf(entry.getValue()))) {
				days.add(day);
			}
		}
		return days;
	}

	static DayOfWeek day(String name) {
		try {
			return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
