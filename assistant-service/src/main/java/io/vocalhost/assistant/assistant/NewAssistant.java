package io.vocalhost.assistant.assistant;

import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/** A checked registration, ready to store. */
record NewAssistant(String name, String businessName, String description, String timeZone, int bookingDurationMinutes,
		String voiceType, String greeting, String businessPhone, List<OpeningHours> hours, boolean withPhoneNumber) {
}
