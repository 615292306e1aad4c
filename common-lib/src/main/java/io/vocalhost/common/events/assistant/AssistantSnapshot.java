package io.vocalhost.common.events.assistant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * The full configuration of an assistant as its owner left it: replicas (booking, voice
 * bridge, rag) rebuild their view from this alone.
 *
 * @param hours opening ranges in the business's time zone; a day with a break has two
 * ranges, a closed day has none
 * @param status {@code active} or {@code suspended}
 */
public record AssistantSnapshot(long assistantId, long ownerId, String receptionistName, String businessName,
		String description, String timeZone, List<OpeningHours> hours, int slotMinutes, String voice, String greeting,
		String businessPhone, String twilioNumber, String status) {

	public record OpeningHours(DayOfWeek day, LocalTime start, LocalTime end) {
	}

}
