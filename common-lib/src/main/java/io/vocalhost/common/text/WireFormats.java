package io.vocalhost.common.text;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values every endpoint reads from the wire, parsed one way: calendar dates
 * ({@code YYYY-MM-DD}), clock times ({@code HH:MM}, the hour may have one digit), phone
 * numbers in E.164 form and IANA time-zone ids. Each parser answers empty for a value it
 * does not accept; the validation constraints of {@code io.vocalhost.common.validation}
 * are built on the same rules.
 */
public final class WireFormats {

	/** How times are written in answers. */
	public static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private static final Pattern CLOCK_TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

	private WireFormats() {
	}

	public static Optional<LocalDate> date(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(value.trim()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	public static Optional<LocalTime> time(String value) {
		if (value == null) {
			return Optional.empty();
		}
		var matcher = CLOCK_TIME.matcher(value.trim());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		return Optional.of(LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
	}

	public static boolean isE164Phone(String value) {
		return value != null && E164.matcher(value.trim()).matches();
	}

	public static Optional<ZoneId> zone(String value) {
		if (value == null || !ZoneId.getAvailableZoneIds().contains(value.trim())) {
			return Optional.empty();
		}
		return Optional.of(ZoneId.of(value.trim()));
	}

	/**
	 * Whether a wall-clock time happens in a zone: the clocks skip some local times when
	 * they move forward, and those cannot be booked or shown.
	 */
	public static boolean exists(LocalDateTime local, ZoneId zone) {
		return !zone.getRules().getValidOffsets(local).isEmpty();
	}

}
