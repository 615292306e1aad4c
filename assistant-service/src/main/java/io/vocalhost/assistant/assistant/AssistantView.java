package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.assistant.assistant.Assistant.Business;
import io.vocalhost.assistant.assistant.Assistant.Receptionist;
import io.vocalhost.assistant.assistant.Assistant.WeeklySchedule;
import io.vocalhost.common.text.WireFormats;

/**
 * An assistant as the frontend sees it: the original fields (start_time, end_time,
 * available_days as weekday booleans, ...) plus time zone, greeting, business phone,
 * status and the full weekly hours with breaks.
 */
record AssistantView(long id, @JsonProperty("name") String receptionistName,
		@JsonProperty("business_name") String businessName, String description,
		@JsonProperty("start_time") String startTime, @JsonProperty("end_time") String endTime,
		@JsonProperty("booking_duration_minutes") int slotMinutes,
		@JsonProperty("available_days") Map<String, Boolean> availableDays,
		@JsonProperty("twilio_number") String twilioNumber, @JsonProperty("number_simulated") boolean numberSimulated,
		@JsonProperty("voice_type") String voice, String timezone, String greeting,
		@JsonProperty("phone_number") String businessPhone, String status, Map<String, List<Range>> hours) {

	private static final DateTimeFormatter HH_MM = WireFormats.HH_MM;

	static AssistantView of(Assistant assistant) {
		Receptionist receptionist = assistant.receptionist();
		Business business = assistant.business();
		WeeklySchedule schedule = assistant.schedule();
		Map<String, Boolean> days = new LinkedHashMap<>();
		Map<String, List<Range>> hours = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			String name = Weekdays.name(day);
			days.put(name, schedule.isOpenOn(day));
			hours.put(name,
					schedule.hours()
						.stream()
						.filter((range) -> range.day() == day)
						.map((range) -> new Range(HH_MM.format(range.start()), HH_MM.format(range.end())))
						.toList());
		}
		return new AssistantView(assistant.id(), receptionist.name(), business.name(), business.description(),
				(schedule.earliestStart() != null) ? HH_MM.format(schedule.earliestStart()) : null,
				(schedule.latestEnd() != null) ? HH_MM.format(schedule.latestEnd()) : null, schedule.slotMinutes(),
				days, assistant.telephony().number(), assistant.telephony().simulated(), receptionist.voice(),
				schedule.timeZone(), receptionist.greeting(), business.phone(), assistant.status(), hours);
	}

	record Range(String start, String end) {
	}

}
