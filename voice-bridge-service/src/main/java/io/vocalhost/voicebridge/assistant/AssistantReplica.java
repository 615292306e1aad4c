package io.vocalhost.voicebridge.assistant;

import java.time.ZoneId;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/**
 * What the bridge keeps of an assistant to answer its calls.
 *
 * @param voice the owner's voice type ({@code male} or {@code female})
 * @param status {@code active} or {@code suspended}
 */
public record AssistantReplica(long assistantId, long ownerId, String receptionistName, String businessName,
		String description, ZoneId zone, List<OpeningHours> hours, String voice, String greeting, String businessPhone,
		String twilioNumber, String status) {

	public boolean isActive() {
		return "active".equals(this.status);
	}

}
