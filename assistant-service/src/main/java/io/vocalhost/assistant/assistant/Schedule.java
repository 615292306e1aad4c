package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vocalhost.assistant.assistant.AssistantView.Range;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/** Weekly opening hours, from either shape the API accepts. */
final class Schedule {

	private Schedule() {
	}

	/** The original shape: the same start and end on every available day. */
	static List<OpeningHours> uniform(Set<DayOfWeek> days, LocalTime start, LocalTime end, FieldErrors errors) {
		if (!end.isAfter(start)) {
			errors.add("end_time", "must be after start_time");
			return List.of();
		}
		return days.stream().sorted().map((day) -> new OpeningHours(day, start, end)).toList();
	}

	/**
	 * Hours per weekday with breaks: {"monday": [{"start": "09:00", "end": "12:00"},
	 * ...]}.
	 */
	static List<OpeningHours> perDay(Map<String, List<Range>> hours, FieldErrors errors) {
		List<OpeningHours> ranges = new ArrayList<>();
		hours.forEach((name, dayRanges) -> {
			DayOfWeek day = FieldErrors.day(name);
			if (day == null) {
				errors.add("hours", "'" + name + "' is not a weekday name");
				return;
			}
			List<OpeningHours> parsed = new ArrayList<>();
			for (Range range : (dayRanges != null) ? dayRanges : List.<Range>of()) {
				LocalTime start = errors.time("hours." + name + ".start", range.start());
				LocalTime end = errors.time("hours." + name + ".end", range.end());
				if (start != null && end != null) {
					if (!end.isAfter(start)) {
						errors.add("hours." + name, "each range must end after it starts");
					}
					parsed.add(new OpeningHours(day, start, end));
				}
			}
			parsed.sort(Comparator.comparing(OpeningHours::start));
			for (int i = 1; i < parsed.size(); i++) {
				if (parsed.get(i).start().isBefore(parsed.get(i - 1).end())) {
					errors.add("hours." + name, "ranges must not overlap");
				}
			}
			ranges.addAll(parsed);
		});
		ranges.sort(Comparator.comparing(OpeningHours::day).thenComparing(OpeningHours::start));
		return ranges;
	}

}
