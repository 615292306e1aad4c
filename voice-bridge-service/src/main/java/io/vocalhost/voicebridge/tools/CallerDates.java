package io.vocalhost.voicebridge.tools;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a date and a time as a caller says them ("tomorrow", "next Tuesday", "the 14th",
 * "at 10", "in the afternoon") into a date and a time in the business's zone, from the
 * clock, so that no date arithmetic is left to the model. Deterministic: the same words
 * on the same instant give the same answer, and words it does not understand give a
 * reason instead of a guess.
 * <p>
 * The rules, in the words the docs use:
 * <ul>
 * <li>"today", "tonight", "tomorrow", "the day after tomorrow", "in N days", "in N
 * weeks", an ISO date (2026-01-14);</li>
 * <li>a weekday, alone or with "this" or "on": the next such day, today included;</li>
 * <li>"next" and a weekday: that day in the next calendar week (weeks start on Monday),
 * so on a Thursday "next Friday" is in eight days, not tomorrow;</li>
 * <li>"the 14th": the next 14th, today included, skipping months without that day;</li>
 * <li>"14 January", "January 14th": the next such date, today included;</li>
 * <li>numeric dates like 1/2 are refused: day and month order differ between
 * callers;</li>
 * <li>a time "10", "10:30", "10am", "2:30 pm", "14:00", "noon"; an hour from 1 to 7
 * without am or pm is afternoon (no business opens at 3 at night), 8 to 11 is morning; or
 * a part of day: morning (8–12), afternoon (12–17), evening (17–21).</li>
 * </ul>
 */
public final class CallerDates {

	/**
	 * What the caller asked for: a date, and a time or a part of the day if they said
	 * one.
	 */
	public sealed interface Resolution {

	}

	/**
	 * @param time the exact time asked for, if any
	 * @param partOfDay the part of the day asked for, if no exact time
	 */
	public record Resolved(LocalDate date, Optional<LocalTime> time,
			Optional<PartOfDay> partOfDay) implements Resolution {

	}

	/**
	 * Not understood, or not possible (in the past); the reason is said to the caller.
	 */
	public record Unresolved(String reason) implements Resolution {

	}

	public enum PartOfDay {

		MORNING(LocalTime.of(8, 0), LocalTime.NOON), AFTERNOON(LocalTime.NOON, LocalTime.of(17, 0)),
		EVENING(LocalTime.of(17, 0), LocalTime.of(21, 0));

		private final LocalTime from;

		private final LocalTime until;

		PartOfDay(LocalTime from, LocalTime until) {
			this.from = from;
			this.until = until;
		}

		public LocalTime from() {
			return this.from;
		}

		public LocalTime until() {
			return this.until;
		}

	}

	private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
			Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
			Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
			Map.entry("ten", 10));

	private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

	private static final Pattern NUMERIC_DATE = Pattern.compile("\\d{1,2}[/.]\\d{1,2}([/.]\\d{2,4})?");

	private static final Pattern IN_UNITS = Pattern.compile("in (\\d+|[a-z]+) (day|days|week|weeks)");

	private static final Pattern WEEKDAY = Pattern.compile("(?:(this|next|on) )?([a-z]+)");

	private static final Pattern DAY_OF_MONTH = Pattern.compile("(?:on )?(?:the )?(\\d{1,2})(?:st|nd|rd|th)?");

	private static final Pattern DAY_MONTH = Pattern.compile(
			"(?:on )?(?:the )?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)|(?:on )?([a-z]+) (?:the )?(\\d{1,2})(?:st|nd|rd|th)?");

	private static final Pattern TIME = Pattern
		.compile("(?:at |around |about )?(\\d{1,2})(?:[:.h](\\d{2}))? ?(am|pm|a\\.m\\.|p\\.m\\.)?(?: o'?clock)?");

	private final Clock clock;

	public CallerDates(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @param dateWords the date as the caller said it
	 * @param timeWords the time or part of day as the caller said it, or {@code null}
	 * @param zone the business's zone, in which "today" is decided
	 */
	public Resolution resolve(String dateWords, String timeWords, ZoneId zone) {
		LocalDate today = LocalDate.now(this.clock.withZone(zone));
		String words = normalize(dateWords);
		if (words.isEmpty()) {
			return new Unresolved("Which day would you like?");
		}
		PartOfDay partFromDate = null;
		for (PartOfDay part : PartOfDay.values()) {
			String name = part.name().toLowerCase(Locale.ROOT);
			if (words.endsWith(" " + name) || words.endsWith(" in the " + name)) {
				partFromDate = part;
				words = words.substring(0, words.lastIndexOf(words.endsWith(" in the " + name) ? " in the " : " "))
					.strip();
			}
		}
		if (words.equals("tonight")) {
			words = "today";
			partFromDate = PartOfDay.EVENING;
		}
		Optional<LocalDate> date;
		try {
			date = date(words, today);
		}
		catch (DateTimeException ex) {
			return new Unresolved("There is no such date as " + dateWords.strip() + ".");
		}
		if (date.isEmpty()) {
			return NUMERIC_DATE.matcher(words).matches()
					? new Unresolved("Please say the month by name, for example the 4th of March.")
					: new Unresolved("I did not understand the day \"" + dateWords.strip()
							+ "\"; please say it like tomorrow, Friday or the 14th of March.");
		}
		if (date.get().isBefore(today)) {
			return new Unresolved("That date has already passed.");
		}
		if (timeWords == null || timeWords.isBlank()) {
			return new Resolved(date.get(), Optional.empty(), Optional.ofNullable(partFromDate));
		}
		return time(normalize(timeWords)).map((time) -> (Resolution) new Resolved(date.get(), time.time(), time.part()))
			.orElseGet(() -> new Unresolved("I did not understand the time \"" + timeWords.strip()
					+ "\"; please say it like 10 am or 2:30 pm."));
	}

	private static Optional<LocalDate> date(String words, LocalDate today) {
		switch (words) {
			case "today", "now" -> {
				return Optional.of(today);
			}
			case "tomorrow" -> {
				return Optional.of(today.plusDays(1));
			}
			case "the day after tomorrow", "day after tomorrow" -> {
				return Optional.of(today.plusDays(2));
			}
			default -> {
			}
		}
		Matcher iso = ISO_DATE.matcher(words);
		if (iso.matches()) {
			return Optional.of(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
					Integer.parseInt(iso.group(3))));
		}
		Matcher in = IN_UNITS.matcher(words);
		if (in.matches()) {
			Integer count = number(in.group(1));
			if (count == null) {
				return Optional.empty();
			}
			return Optional.of(in.group(2).startsWith("week") ? today.plusWeeks(count) : today.plusDays(count));
		}
		Matcher dayOfMonth = DAY_OF_MONTH.matcher(words);
		if (dayOfMonth.matches()) {
			return nextDayOfMonth(Integer.parseInt(dayOfMonth.group(1)), today);
		}
		Matcher dayMonth = DAY_MONTH.matcher(words);
		if (dayMonth.matches()) {
			String day = (dayMonth.group(1) != null) ? dayMonth.group(1) : dayMonth.group(4);
			String month = (dayMonth.group(2) != null) ? dayMonth.group(2) : dayMonth.group(3);
			Optional<Month> named = month(month);
			if (named.isPresent()) {
				return Optional.of(nextDate(named.get(), Integer.parseInt(day), today));
			}
			return Optional.empty();
		}
		Matcher weekday = WEEKDAY.matcher(words);
		if (weekday.matches()) {
			Optional<DayOfWeek> day = weekday(weekday.group(2));
			if (day.isEmpty()) {
				return Optional.empty();
			}
			if ("next".equals(weekday.group(1))) {
				return Optional.of(today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
					.with(TemporalAdjusters.nextOrSame(day.get())));
			}
			return Optional.of(today.with(TemporalAdjusters.nextOrSame(day.get())));
		}
		return Optional.empty();
	}

	private static Optional<LocalDate> nextDayOfMonth(int day, LocalDate today) {
		if (day < 1 || day > 31) {
			throw new DateTimeException("day " + day);
		}
		LocalDate month = today.withDayOfMonth(1);
		for (int i = 0; i < 12; i++, month = month.plusMonths(1)) {
			if (day <= month.lengthOfMonth() && !month.withDayOfMonth(day).isBefore(today)) {
				return Optional.of(month.withDayOfMonth(day));
			}
		}
		return Optional.empty();
	}

	private static LocalDate nextDate(Month month, int day, LocalDate today) {
		LocalDate thisYear = LocalDate.of(today.getYear(), month, 1);
		if (day < 1 || day > month.maxLength()) {
			throw new DateTimeException("day " + day + " of " + month);
		}
		for (int year = today.getYear(); year < today.getYear() + 8; year++) {
			LocalDate first = thisYear.withYear(year);
			if (day <= first.lengthOfMonth() && !first.withDayOfMonth(day).isBefore(today)) {
				return first.withDayOfMonth(day);
			}
		}
		throw new DateTimeException("day " + day + " of " + month);
	}

	private record TimeOfDay(Optional<LocalTime> time, Optional<PartOfDay> part) {
	}

	private static Optional<TimeOfDay> time(String words) {
		String spoken = words.replaceFirst("^in the ", "").replaceFirst("^at ", "");
		for (PartOfDay part : PartOfDay.values()) {
			if (spoken.equals(part.name().toLowerCase(Locale.ROOT))) {
				return Optional.of(new TimeOfDay(Optional.empty(), Optional.of(part)));
			}
		}
		if (spoken.equals("noon") || spoken.equals("midday")) {
			return Optional.of(new TimeOfDay(Optional.of(LocalTime.NOON), Optional.empty()));
		}
		Matcher matcher = TIME.matcher(words);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		int hour = Integer.parseInt(matcher.group(1));
		int minute = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		String meridiem = matcher.group(3);
		if (minute > 59 || hour > 23 || (meridiem != null && (hour < 1 || hour > 12))) {
			return Optional.empty();
		}
		if (meridiem != null) {
			boolean afternoon = meridiem.startsWith("p");
			hour = (hour % 12) + (afternoon ? 12 : 0);
		}
		else if (hour >= 1 && hour <= 7) {
			hour += 12;
		}
		return Optional.of(new TimeOfDay(Optional.of(LocalTime.of(hour, minute)), Optional.empty()));
	}

	private static Optional<DayOfWeek> weekday(String word) {
		for (DayOfWeek day : DayOfWeek.values()) {
			String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
			if (word.equals(name) || word.equals(name.substring(0, 3))) {
				return Optional.of(day);
			}
		}
		return Optional.empty();
	}

	private static Optional<Month> month(String word) {
		for (Month month : Month.values()) {
			String name = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
			if (word.equals(name) || (word.length() >= 3 && name.startsWith(word))) {
				return Optional.of(month);
			}
		}
		return Optional.empty();
	}

	private static Integer number(String word) {
		if (word.chars().allMatch(Character::isDigit)) {
			return Integer.parseInt(word);
		}
		return NUMBERS.get(word);
	}

	private static String normalize(String words) {
		if (words == null) {
			return "";
		}
		return words.toLowerCase(Locale.ROOT).replaceAll("[,!?]", " ").replaceAll("\\s+", " ").strip();
	}

}
