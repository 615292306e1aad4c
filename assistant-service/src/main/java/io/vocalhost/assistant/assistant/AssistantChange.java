package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.lang.reflect.RecordComponent;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;
import io.vocalhost.assistant.assistant.AssistantView.Range;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.text.WireFormats;
import io.vocalhost.common.validation.ClockTime;
import io.vocalhost.common.validation.E164Phone;
import io.vocalhost.common.validation.TimeZoneId;

/**
 * A partial change ({@code PATCH /api/assistant/{id}}): only the fields present change.
 * Hours change either through the original start_time, end_time and available_days (the
 * same hours on every open day) or through {@code hours} per weekday with breaks, which
 * wins when both are sent.
 */
record AssistantChange(@JsonProperty("business_name") @Text(blankAllowed = false) String businessName,
		@JsonProperty("receptionist_name") @Text(blankAllowed = false) String receptionistName,
		@JsonProperty("start_time") @ClockTime(optional = true) String startTime,
		@JsonProperty("end_time") @ClockTime(optional = true) String endTime,
		@JsonProperty("available_days") @WeekdayFlags(optional = true) Object availableDays,
		@JsonProperty("booking_duration_minutes") @SlotLength(optional = true) Integer slotMinutes,
		@JsonProperty("voice_type") @Voice(optional = true) String voice, @Text String description,
		@TimeZoneId(optional = true) String timezone, @Text String greeting,
		@JsonProperty("phone_number") @E164Phone(optional = true) String businessPhone,
		@WeeklyHours Map<String, List<Range>> hours) {

	/** The assistant with this checked change applied. */
	Assistant applyTo(Assistant current) {
		Receptionist receptionist = current.receptionist();
		Business business = current.business();
		WeeklySchedule schedule = current.schedule();
		return current.withSettings(
				new Receptionist((this.receptionistName != null) ? this.receptionistName.trim() : receptionist.name(),
						(this.voice != null) ? Voice.Check.of(this.voice) : receptionist.voice(),
						(this.greeting != null) ? Text.Check.cleaned(this.greeting) : receptionist.greeting(),
						receptionist.features()),
				new Business((this.businessName != null) ? this.businessName.trim() : business.name(),
						(this.description != null) ? Text.Check.orEmpty(this.description) : business.description(),
						(this.businessPhone != null) ? this.businessPhone.trim() : business.phone()),
				new WeeklySchedule(
						(this.timezone != null) ? WireFormats.zone(this.timezone).orElseThrow().getId()
								: schedule.timeZone(),
						(this.slotMinutes != null) ? this.slotMinutes : schedule.slotMinutes(), hours(schedule)));
	}

	private List<OpeningHours> hours(WeeklySchedule current) {
		if (this.hours != null) {
			return Schedule.perDay(this.hours);
		}
		if (showsCurrent(current)) {
			// The dashboard resends these on every save: finer hours stay unless one
			// changes.
			return current.hours();
		}
		LocalTime start = (this.startTime != null) ? WireFormats.time(this.startTime).orElseThrow()
				: current.earliestStart();
		LocalTime end = (this.endTime != null) ? WireFormats.time(this.endTime).orElseThrow() : current.latestEnd();
		Set<DayOfWeek> days = (this.availableDays != null) ? Weekdays.parse(this.availableDays).days()
				: openDays(current);
		if (start == null || end == null) {
			if (this.startTime == null && this.endTime == null) {
				throw new InvalidHoursException("start_time", "is required to open days on an assistant without hours");
			}
			return List.of();
		}
		return Schedule.uniform(days, start, end);
	}

	/**
	 * Whether the original three fields, as far as they are sent, are what the current
	 * hours already show in that shape.
	 */
	private boolean showsCurrent(WeeklySchedule current) {
		return (this.startTime == null
				|| WireFormats.time(this.startTime).orElseThrow().equals(current.earliestStart()))
				&& (this.endTime == null || WireFormats.time(this.endTime).orElseThrow().equals(current.latestEnd()))
				&& (this.availableDays == null || Weekdays.parse(this.availableDays).days().equals(openDays(current)));
	}

	private static Set<DayOfWeek> openDays(WeeklySchedule schedule) {
		return schedule.hours().stream().map(OpeningHours::day).collect(Collectors.toSet());
	}

	/** The wire names of the fields this change sends, in the order it declares them. */
	List<String> sentFields() {
		return Arrays.stream(AssistantChange.class.getRecordComponents()).filter(this::isSent).map((component) -> {
			JsonProperty name = component.getAccessor().getAnnotation(JsonProperty.class);
			return (name != null) ? name.value() : component.getName();
		}).toList();
	}

	private boolean isSent(RecordComponent component) {
		try {
			return component.getAccessor().invoke(this) != null;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("A record's accessor can always be called", ex);
		}
	}

}
