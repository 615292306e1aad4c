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
import io.vocalhost.common.text.WireFormats;

/** Weekly opening hours, from either shape the API accepts. */
final class Schedule {

	private Schedule() {
	}

	/** The original shape: the same start and end on every available day. */
	static List<OpeningHours> uniform(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
		if (!end.isAfter(start)) {
			throw new InvalidHoursException("end_time", "must be after start_time");
		}
		return days.stream().sorted().map((day) -> new OpeningHours(day, start, end)).toList();
	}

	/**
	 * What is wrong with hours per weekday with breaks, {"monday": [{"start": "09:00",
	 * "end": "12:00"}, ...]}: every problem, each naming its day.
	 */
	static List<String> problemsOf(Map<String, List<Range>> hours) {
		List<String> problems = new ArrayList<>();
		hours.forEach((name, ranges) -> {
			if (Weekdays.day(name) == null) {
				problems.add("'" + name + "' is not a weekday name");
				return;
			}
			List<OpeningHours> parsed = new ArrayList<>();
			for (Range range : (ranges != null) ? ranges : List.<Range>of()) {
				LocalTime start = WireFormats.time(range.start()).orElse(null);
				LocalTime end = WireFormats.time(range.end()).orElse(null);
				if (start == null) {
					problems.add(name + ".start must be a time as HH:MM");
				}
				if (end == null) {
					problems.add(name + ".end must be a time as HH:MM");
				}
				if (start != null && end != null) {
					if (!end.isAfter(start)) {
						problems.add(name + ": each range must end after it starts");
					}
					parsed.add(new OpeningHours(DayOfWeek.MONDAY, start, end));
				}
			}
			if (overlap(parsed)) {
				problems.add(name + ": ranges must not overlap");
			}
		});
		return problems;
	}

	/** Hours per weekday that {@link #problemsOf} finds nothing wrong with. */
	static List<OpeningHours> perDay(Map<String, List<Range>> hours) {
		List<OpeningHours> ranges = new ArrayList<>();
		hours.forEach((name, dayRanges) -> {
			for (Range range : (dayRanges != null) ? dayRanges : List.<Range>of()) {
				ranges.add(new OpeningHours(Weekdays.day(name), WireFormats.time(range.start()).orElseThrow(),
						WireFormats.time(range.end()).orElseThrow()));
			}
		});
		ranges.sort(Comparator.comparing(OpeningHours::day).thenComparing(OpeningHours::start));
		return ranges;
	}

	private static boolean overlap(List<OpeningHours> day) {
		List<OpeningHours> sorted = new ArrayList<>(day);
		sorted.sort(Comparator.comparing(OpeningHours::start));
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
				return true;
			}
		}
		return false;
	}

}
