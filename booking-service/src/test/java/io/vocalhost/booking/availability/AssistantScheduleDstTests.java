package io.vocalhost.booking.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slots across every DST change of several zones and years: open all night, 30-minute
 * slots. On the day the clocks skip an hour, exactly the slots in the skipped hour are
 * missing; on the day they repeat one, no local slot is listed twice; every slot lasts 30
 * real minutes.
 */
class AssistantScheduleDstTests {

	static Stream<Arguments> transitions() {
		List<Arguments> arguments = new ArrayList<>();
		for (String zone : List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago",
				"Europe/London")) {
			ZoneId id = ZoneId.of(zone);
			for (int year : List.of(2026, 2027, 2031)) {
				ZoneOffsetTransition transition = id.getRules()
					.nextTransition(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
				while (transition != null
						&& transition.getInstant().isBefore(Instant.parse((year + 1) + "-01-01T00:00:00Z"))) {
					arguments.add(Arguments.of(id, transition));
					transition = id.getRules().nextTransition(transition.getInstant());
				}
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest
	@MethodSource("transitions")
	void slotsAreRightOnTheDayOfAClockChange(ZoneId zone, ZoneOffsetTransition transition) {
		LocalDate day = transition.getDateTimeBefore().toLocalDate();
		List<OpeningHours> allDay = new ArrayList<>();
		for (DayOfWeek weekday : DayOfWeek.values()) {
			allDay.add(new OpeningHours(weekday, LocalTime.MIDNIGHT, LocalTime.of(23, 30)));
		}
		AssistantSchedule schedule = new AssistantSchedule(1, 1, zone, 30, "active", allDay);
		List<AssistantSchedule.Slot> slots = schedule.slotsOn(day);

		long configured = 23 * 2 + 1;
		long skipped = transition.isGap() ? transition.getDuration().toMinutes() / 30 : 0;
		assertThat(slots).hasSize((int) (configured - skipped));
		assertThat(new HashSet<>(slots.stream().map(AssistantSchedule.Slot::localStart).toList()))
			.hasSize(slots.size());
		assertThat(new HashSet<>(slots.stream().map(AssistantSchedule.Slot::start).toList())).hasSize(slots.size());
		for (AssistantSchedule.Slot slot : slots) {
			assertThat(Duration.between(slot.start(), slot.end()).toMinutes()).isEqualTo(30);
			assertThat(zone.getRules().getValidOffsets(day.atTime(slot.localStart()))).isNotEmpty();
		}
		if (transition.isGap()) {
			LocalTime skippedTime = transition.getDateTimeBefore().toLocalTime();
			assertThat(slots).noneMatch((slot) -> slot.localStart().equals(skippedTime));
		}
	}

}
