package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/** An assistant's whole configuration, as stored. */
public record Assistant(long id, long ownerId, String name, String businessName, String description, String timeZone,
		int bookingDurationMinutes, String voiceType, String greeting, String businessPhone, String twilioNumber,
		boolean numberSimulated, String status, List<OpeningHours> hours) {

	public static final String ACTIVE = "active";

	public static final String SUSPENDED = "suspended";

	/** Earliest opening over the week, for the original single start_time field. */
	LocalTime earliestStart() {
		return this.hours.stream().map(OpeningHours::start).min(LocalTime::compareTo).orElse(null);
	}

	/** Latest closing over the week, for the original single end_time field. */
	LocalTime latestEnd() {
		return this.hours.stream().map(OpeningHours::end).max(LocalTime::compareTo).orElse(null);
	}

	boolean isOpenOn(DayOfWeek day) {
		return this.hours.stream().anyMatch((range) -> range.day() == day);
	}

	AssistantSnapshot snapshot() {
		return new AssistantSnapshot(this.id, this.ownerId, this.name, this.businessName, this.description,
				this.timeZone, this.hours, this.bookingDurationMinutes, this.voiceType, this.greeting,
				this.businessPhone, this.twilioNumber, this.status);
	}

}
