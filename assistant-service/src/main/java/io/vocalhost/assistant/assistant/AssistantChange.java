package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
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

/**
 * A partial change ({@code PATCH /api/assistant/{id}}): only the fields present change.
 * Hours change either through the original start_time, end_time and available_days (the
 * same hours on every open day) or through {@code hours} per weekday with breaks, which
 * wins when both are sent.
 */
record AssistantChange(@JsonProperty("business_name") String businessName,
		@JsonProperty("receptionist_name") String receptionistName, @JsonProperty("start_time") String startTime,
		@JsonProperty("end_time") String endTime, @JsonProperty("available_days") Object availableDays,
		@JsonProperty("booking_duration_minutes") Integer slotMinutes, @JsonProperty("voice_type") String voice,
		String description, String timezone, String greeting, @JsonProperty("phone_number") String phoneNumber,
		Map<String, List<Range>> hours) {

	Assistant applyTo(Assistant current) {
		FieldErrors errors = new FieldErrors();
		Receptionist receptionist = current.receptionist();
		Business business = current.business();
		WeeklySchedule schedule = current.schedule();
		String businessName = (this.businessName != null) ? errors.text("business_name", this.businessName, true)
				: business.name();
		String name = (this.receptionistName != null) ? errors.text("receptionist_name", this.receptionistName, true)
				: receptionist.name();
		String description = (this.description != null) ? errors.text("description", this.description, false)
				: business.description();
		Integer slotMinutes = (this.slotMinutes != null) ? errors.duration("booking_duration_minutes", this.slotMinutes)
				: Integer.valueOf(schedule.slotMinutes());
		String voice = (this.voice != null) ? errors.voice("voice_type", this.voice) : receptionist.voice();
		String zone = (this.timezone != null) ? errors.zone("timezone", this.timezone) : schedule.timeZone();
		String greeting = (this.greeting != null) ? errors.text("greeting", this.greeting, false)
				: receptionist.greeting();
		String phone = (this.phoneNumber != null) ? errors.phone("phone_number", this.phoneNumber) : business.phone();
		List<OpeningHours> hours = hours(schedule, errors);
		errors.throwIfAny();
		return current.withSettings(new Receptionist(name, voice, greeting),
				new Business(businessName, (description != null) ? description : "", phone),
				new WeeklySchedule(zone, slotMinutes, hours));
	}

	private List<OpeningHours> hours(WeeklySchedule current, FieldErrors errors) {
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
