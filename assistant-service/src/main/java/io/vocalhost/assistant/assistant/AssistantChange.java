package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.assistant.assistant.AssistantView.Range;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/**
 * A partial change ({@code PATCH /api/assistant/{id}}): only the fields present change.
 * Hours change either through the original start_time, end_time and available_days (the
 * same hours on every open day) or through {@code hours} per weekday with breaks, which
 * wins when both are sent.
 */
record AssistantChange(@JsonProperty("business_name") String businessName,
		@JsonProperty("receptionist_name") String receptionistName, @JsonProperty("start_time") String startTime,
		@JsonProperty("end_time") String endTime, @JsonProperty("available_days") Object availableDays,
		@JsonProperty("booking_duration_minutes") Integer bookingDurationMinutes,
		@JsonProperty("voice_type") String voiceType, String description, String timezone, String greeting,
		@JsonProperty("phone_number") String phoneNumber, Map<String, List<Range>> hours) {

	Assistant applyTo(Assistant current) {
		FieldErrors errors = new FieldErrors();
		String businessName = (this.businessName != null) ? errors.text("business_name", this.businessName, true)
				: current.businessName();
		String name = (this.receptionistName != null) ? errors.text("receptionist_name", this.receptionistName, true)
				: current.name();
		String description = (this.description != null) ? errors.text("description", this.description, false)
				: current.description();
		Integer duration = (this.bookingDurationMinutes != null)
				? errors.duration("booking_duration_minutes", this.bookingDurationMinutes)
				: Integer.valueOf(current.bookingDurationMinutes());
		String voice = (this.voiceType != null) ? errors.voice("voice_type", this.voiceType) : current.voiceType();
		String zone = (this.timezone != null) ? errors.zone("timezone", this.timezone) : current.timeZone();
		String greeting = (this.greeting != null) ? errors.text("greeting", this.greeting, false) : current.greeting();
		String phone = (this.phoneNumber != null) ? errors.phone("phone_number", this.phoneNumber)
				: current.businessPhone();
		List<OpeningHours> hours = hours(current, errors);
		errors.throwIfAny();
		return new Assistant(current.id(), current.ownerId(), name, businessName,
				(description != null) ? description : "", zone, duration, voice, greeting, phone,
				current.twilioNumber(), current.numberSimulated(), current.status(), hours);
	}

	private List<OpeningHours> hours(Assistant current, FieldErrors errors) {
		if (this.hours != null) {
			return Schedule.perDay(this.hours, errors);
		}
		if (this.startTime == null && this.endTime == null && this.availableDays == null) {
			return current.hours();
		}
		LocalTime start = (this.startTime != null) ? errors.time("start_time", this.startTime)
				: current.earliestStart();
		LocalTime end = (this.endTime != null) ? errors.time("end_time", this.endTime) : current.latestEnd();
		Set<DayOfWeek> days = (this.availableDays != null) ? errors.days("available_days", this.availableDays)
				: current.hours().stream().map(OpeningHours::day).collect(Collectors.toSet());
		if (start == null || end == null || days == null) {
			if (start == null && end == null && this.startTime == null && this.endTime == null) {
				errors.add("start_time", "is required to open days on an assistant without hours");
			}
			return List.of();
		}
		return Schedule.uniform(days, start, end, errors);
	}

}
