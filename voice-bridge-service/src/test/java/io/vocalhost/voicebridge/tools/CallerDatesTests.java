package io.vocalhost.voicebridge.tools;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import io.vocalhost.voicebridge.tools.CallerDates.PartOfDay;
import io.vocalhost.voicebridge.tools.CallerDates.Resolution;
import io.vocalhost.voicebridge.tools.CallerDates.Resolved;
import io.vocalhost.voicebridge.tools.CallerDates.Unresolved;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerDatesTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** Thursday 2026-12-03, 15:00 in New York. */
	private static final Instant THURSDAY = Instant.parse("2026-12-03T20:00:00Z");

	@ParameterizedTest(name = "\"{0}\" on Thursday 3 December → {1}")
	@CsvSource(delimiter = '|', textBlock = """
			today                   | 2026-12-03
			Tomorrow                | 2026-12-04
			the day after tomorrow  | 2026-12-05
			Friday                  | 2026-12-04
			this friday             | 2026-12-04
			on Fri                  | 2026-12-04
			thursday                | 2026-12-03
			next Friday             | 2026-12-11
			next monday             | 2026-12-07
			next thursday           | 2026-12-10
			Wednesday               | 2026-12-09
			the 14th                | 2026-12-14
			3rd                     | 2026-12-03
			the 2nd                 | 2027-01-02
			the 31st                | 2026-12-31
			14 January              | 2027-01-14
			January 14th            | 2027-01-14
			the 5th of December     | 2026-12-05
			the 2nd of December     | 2027-12-02
			dec 24                  | 2026-12-24
			2026-12-20              | 2026-12-20
			in 3 days               | 2026-12-06
			in two weeks            | 2026-12-17
			""")
	void resolvesTheDateInTheBusinessesZone(String words, LocalDate expected) {
		assertThat(resolve(THURSDAY, words, null, NEW_YORK)).isEqualTo(date(expected));
	}

	@Test
	void nextWeekdayIsAlwaysInTheNextCalendarWeek() {
		Instant sunday = Instant.parse("2026-12-06T15:00:00Z");
		assertThat(resolve(sunday, "next Monday", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2026, 12, 7)));
		assertThat(resolve(sunday, "Monday", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2026, 12, 7)));
		assertThat(resolve(sunday, "next Sunday", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2026, 12, 13)));
	}

	@Test
	void todayIsTheBusinessesTodayNotTheServers() {
		Instant newYearsEveUtc = Instant.parse("2026-12-31T23:30:00Z");
		assertThat(resolve(newYearsEveUtc, "tomorrow", null, ZoneId.of("Asia/Tokyo")))
			.isEqualTo(date(LocalDate.of(2027, 1, 2)));
		assertThat(resolve(newYearsEveUtc, "tomorrow", null, ZoneId.of("America/Los_Angeles")))
			.isEqualTo(date(LocalDate.of(2027, 1, 1)));
		assertThat(resolve(newYearsEveUtc, "today", null, ZoneOffset.UTC)).isEqualTo(date(LocalDate.of(2026, 12, 31)));
		assertThat(resolve(newYearsEveUtc, "Friday", null, ZoneId.of("Pacific/Kiritimati")))
			.isEqualTo(date(LocalDate.of(2027, 1, 1)));
	}

	@Test
	void aDayOfMonthSkipsMonthsThatDoNotHaveIt() {
		Instant february = Instant.parse("2027-02-02T15:00:00Z");
		assertThat(resolve(february, "the 30th", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2027, 3, 30)));
		assertThat(resolve(february, "February 29", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2028, 2, 29)));
		Instant endOfJanuary = Instant.parse("2027-01-31T15:00:00Z");
		assertThat(resolve(endOfJanuary, "tomorrow", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2027, 2, 1)));
		assertThat(resolve(endOfJanuary, "the 31st", null, NEW_YORK)).isEqualTo(date(LocalDate.of(2027, 1, 31)));
	}

	@Test
	void tomorrowAtTenOnTheDayClocksGoForwardIsTenLocalTime() {
		Instant dayBeforeDst = Instant.parse("2027-03-13T17:00:00Z");
		assertThat(resolve(dayBeforeDst, "tomorrow", "at 10", NEW_YORK))
			.isEqualTo(new Resolved(LocalDate.of(2027, 3, 14), Optional.of(LocalTime.of(10, 0)), Optional.empty()));
	}

	@ParameterizedTest(name = "\"{0}\" → {1}")
	@CsvSource(delimiter = '|', textBlock = """
			10          | 10:00
			at 10       | 10:00
			10:30       | 10:30
			10am        | 10:00
			10 a.m.     | 10:00
			2pm         | 14:00
			2:30 PM     | 14:30
			at 3        | 15:00
			9           | 09:00
			14:00       | 14:00
			12          | 12:00
			12 pm       | 12:00
			12 am       | 00:00
			noon        | 12:00
			4 o'clock   | 16:00
			""")
	void resolvesTheTime(String words, LocalTime expected) {
		assertThat(resolve(THURSDAY, "tomorrow", words, NEW_YORK))
			.isEqualTo(new Resolved(LocalDate.of(2026, 12, 4), Optional.of(expected), Optional.empty()));
	}

	@Test
	void aPartOfTheDayIsARangeNotATime() {
		assertThat(resolve(THURSDAY, "friday", "in the afternoon", NEW_YORK))
			.isEqualTo(new Resolved(LocalDate.of(2026, 12, 4), Optional.empty(), Optional.of(PartOfDay.AFTERNOON)));
		assertThat(resolve(THURSDAY, "tomorrow morning", null, NEW_YORK))
			.isEqualTo(new Resolved(LocalDate.of(2026, 12, 4), Optional.empty(), Optional.of(PartOfDay.MORNING)));
		assertThat(resolve(THURSDAY, "tonight", null, NEW_YORK))
			.isEqualTo(new Resolved(LocalDate.of(2026, 12, 3), Optional.empty(), Optional.of(PartOfDay.EVENING)));
	}

	@ParameterizedTest(name = "\"{0}\" at \"{1}\" is refused with a reason")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			2026-12-01        | -       | already passed
			1/2               | -       | month by name
			next week         | -       | did not understand the day
			someday           | -       | did not understand the day
			the 32nd          | -       | no such date
			February 30       | -       | no such date
			2026-13-01        | -       | no such date
			''                | -       | Which day
			tomorrow          | 25:00   | did not understand the time
			tomorrow          | 13pm    | did not understand the time
			tomorrow          | later   | did not understand the time
			""")
	void unclearOrImpossibleWordsGetAReasonNotAGuess(String date, String time, String reason) {
		Resolution resolution = resolve(THURSDAY, date, time, NEW_YORK);
		assertThat(resolution).isInstanceOfSatisfying(Unresolved.class,
				(unresolved) -> assertThat(unresolved.reason()).contains(reason));
	}

	@Test
	void tomorrowAtTenOnTheDayTheClocksGoForwardIsThatDaysTenInTheBusinessesZone() {
		ZoneId berlin = ZoneId.of("Europe/Berlin");
		// 23:30 on Saturday 28 March 2026 in Berlin (22:30 UTC); at 02:00 the clocks go
		// forward.
		assertThat(resolve(Instant.parse("2026-03-28T22:30:00Z"), "tomorrow", "10", berlin))
			.isEqualTo(new Resolved(LocalDate.of(2026, 3, 29), Optional.of(LocalTime.of(10, 0)), Optional.empty()));
		// An hour later it is Sunday in Berlin (still Saturday in UTC): tomorrow is
		// Monday.
		assertThat(resolve(Instant.parse("2026-03-28T23:30:00Z"), "tomorrow", "10", berlin))
			.isEqualTo(new Resolved(LocalDate.of(2026, 3, 30), Optional.of(LocalTime.of(10, 0)), Optional.empty()));
	}

	private static Resolution resolve(Instant now, String date, String time, ZoneId zone) {
		return new CallerDates(Clock.fixed(now, ZoneOffset.UTC)).resolve(date, time, zone);
	}

	private static Resolved date(LocalDate date) {
		return new Resolved(date, Optional.empty(), Optional.empty());
	}

}
