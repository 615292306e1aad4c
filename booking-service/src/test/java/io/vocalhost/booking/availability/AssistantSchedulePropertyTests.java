package io.vocalhost.booking.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the slots of any day, checked on thousands of generated cases: random
 * opening hours (one or two ranges, quarter-hour boundaries), slot lengths from 10 to 90
 * minutes, zones with odd offsets and DST rules (30-minute DST on Lord Howe, +12:45 on
 * Chatham, Casablanca's Ramadan changes), and dates that are half the time a day of a
 * clock change. Both ways: every time the hours offer is listed unless the clocks skip
 * it, and every listed slot exists and lies inside the hours. The seed is fixed, so a
 * failure is reproducible; the case is in the message.
 */
class AssistantSchedulePropertyTests {

	private static final List<ZoneId> ZONES = Stream
		.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago",
				"Africa/Casablanca", "Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns", "Europe/London", "UTC")
		.map(ZoneId::of)
		.toList();

	private static final int[] SLOT_MINUTES = { 10, 15, 20, 30, 45, 60, 90 };

	private static final int CASES = 5000;

	@Test
	void slotsLastTheirLengthNeverOverlapAndMissOnlyTimesThatDoNotExist() {
		Random random = new Random(20261122);
		for (int i = 0; i < CASES; i++) {
			ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
			LocalDate day = (random.nextBoolean()) ? clockChangeDay(zone, random) : randomDay(random);
			int minutes = SLOT_MINUTES[random.nextInt(SLOT_MINUTES.length)];
			List<OpeningHours> hours = randomHours(day, random);
			String description = "case " + i + ": " + zone + " " + day + " " + minutes + " min " + hours;
			check(new AssistantSchedule(1, 1, zone, minutes, "active", hours), day, description);
		}
	}

	private static void check(AssistantSchedule schedule, LocalDate day, String description) {
		List<Slot> slots = schedule.slotsOn(day);
		Duration length = schedule.slotLength();
		assertThat(new HashSet<>(slots.stream().map(Slot::localStart).toList())).as(description).hasSize(slots.size());
		for (int i = 0; i < slots.size(); i++) {
			Slot slot = slots.get(i);
			assertThat(Duration.between(slot.start(), slot.end())).as(description).isEqualTo(length);
			assertThat(slot.start().atZone(schedule.zone()).toLocalDateTime()).as(description)
				.isEqualTo(day.atTime(slot.localStart()));
			if (i > 0) {
				assertThat(slot.start()).as(description + ": overlaps the slot before")
					.isAfterOrEqualTo(slots.get(i - 1).end());
			}
			assertThat(exists(schedule.zone(), day.atTime(slot.localStart())))
				.as(description + ": " + slot.localStart() + " does not exist")
				.isTrue();
			assertThat(schedule.hours()).as(description + ": " + slot + " lies outside the opening hours")
				.anyMatch((range) -> liesWithin(slot, range, day, schedule.zone()));
		}
		for (OpeningHours range : schedule.hours()) {
			for (LocalTime start = range.start(); !start.plus(length).isAfter(range.end())
					&& start.plus(length).isAfter(start); start = start.plus(length)) {
				LocalTime time = start;
				boolean listed = slots.stream().anyMatch((slot) -> slot.localStart().equals(time));
				assertThat(listed).as(description + ": " + time)
					.isEqualTo(exists(schedule.zone(), day.atTime(time))
							&& !runsIntoAGap(schedule.zone(), day.atTime(time), length));
			}
		}
	}

	/**
	 * Whether the slot begins and ends inside the range, as moments. A boundary the
	 * clocks skip is the moment they jump past it; one they show twice is its widest
	 * reading.
	 */
	private static boolean liesWithin(Slot slot, OpeningHours range, LocalDate day, ZoneId zone) {
		Instant opens = moment(day.atTime(range.start()), zone, false);
		Instant closes = moment(day.atTime(range.end()), zone, true);
		return range.day() == day.getDayOfWeek() && !slot.start().isBefore(opens) && !slot.end().isAfter(closes);
	}

	private static Instant moment(LocalDateTime local, ZoneId zone, boolean laterAtOverlap) {
		ZoneOffsetTransition transition = zone.getRules().getTransition(local);
		if (transition != null && transition.isGap()) {
			return transition.getInstant();
		}
		ZonedDateTime zoned = local.atZone(zone);
		return (laterAtOverlap ? zoned.withLaterOffsetAtOverlap() : zoned.withEarlierOffsetAtOverlap()).toInstant();
	}

	private static boolean exists(ZoneId zone, LocalDateTime local) {
		return !zone.getRules().getValidOffsets(local).isEmpty();
	}

	/** Whether the clocks jump forward after the time begins and before the slot ends. */
	private static boolean runsIntoAGap(ZoneId zone, LocalDateTime local, Duration length) {
		Instant begins = local.atZone(zone).toInstant();
		return zone.getRules()
			.getTransitions()
			.stream()
			.anyMatch((transition) -> isGapWithin(transition, begins, begins.plus(length)))
				|| zone.getRules()
					.getTransitionRules()
					.stream()
					.map((rule) -> rule.createTransition(local.getYear()))
					.anyMatch((transition) -> isGapWithin(transition, begins, begins.plus(length)));
	}

	private static boolean isGapWithin(ZoneOffsetTransition transition, Instant from, Instant to) {
		return transition.isGap() && transition.getInstant().isAfter(from) && transition.getInstant().isBefore(to);
	}

	private static LocalDate clockChangeDay(ZoneId zone, Random random) {
		Instant from = randomDay(random).atStartOfDay(ZoneOffset.UTC).toInstant();
		ZoneOffsetTransition transition = zone.getRules().nextTransition(from);
		return (transition != null) ? transition.getDateTimeBefore().toLocalDate() : randomDay(random);
	}

	private static LocalDate randomDay(Random random) {
		return LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365 * 5));
	}

	private static List<OpeningHours> randomHours(LocalDate day, Random random) {
		List<OpeningHours> hours = new ArrayList<>();
		LocalTime open = LocalTime.MIDNIGHT.plusMinutes(15L * random.nextInt(48));
		LocalTime close = quarterBefore(open, random);
		hours.add(new OpeningHours(day.getDayOfWeek(), open, close));
		if (random.nextBoolean() && close.isBefore(LocalTime.of(22, 0))) {
			LocalTime reopen = close.plusMinutes(15L * (1 + random.nextInt(8)));
			hours.add(new OpeningHours(day.getDayOfWeek(), reopen, quarterBefore(reopen, random)));
		}
		return hours;
	}

	/** A quarter-hour after {@code open}, at most 12 hours later and not past 23:45. */
	private static LocalTime quarterBefore(LocalTime open, Random random) {
		int room = (int) Duration.between(open, LocalTime.of(23, 45)).toMinutes() / 15;
		return open.plusMinutes(15L * (1 + random.nextInt(Math.max(1, Math.min(room, 48)))));
	}

}
