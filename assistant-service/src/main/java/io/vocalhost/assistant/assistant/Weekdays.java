package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original {@code available_days}: weekday booleans, as an object or its JSON text
 * ({"monday": true, ...}).
 */
final class Weekdays {

	private static final JsonMapper json = JsonMapper.builder().build();

	private Weekdays() {
	}

	/** The open days, or the problem with the value. */
	static Parsed parse(Object value) {
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
				return Parsed.problem("must be a JSON object of weekday booleans, like {\"monday\": true}");
			}
		}
		else {
			return Parsed.problem("must be an object of weekday booleans, like {\"monday\": true}");
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (Map.Entry<String, Object> entry : map.entrySet()) {
			DayOfWeek day = day(entry.getKey());
			if (day == null) {
				return Parsed.problem("'" + entry.getKey() + "' is not a weekday name");
			}
			if (Boolean.TRUE.equals(entry.getValue()) || "true".equals(String.valueOf(entry.getValue()))) {
				days.add(day);
			}
		}
		return new Parsed(days, null);
	}

	static DayOfWeek day(String name) {
		try {
			return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static String name(DayOfWeek day) {
		return day.name().toLowerCase(Locale.ROOT);
	}

	/** Either the open days or, for a value that is not weekday booleans, the problem. */
	record Parsed(Set<DayOfWeek> days, String problem) {

		static Parsed problem(String problem) {
			return new Parsed(null, problem);
		}

	}

}
