package io.vocalhost.voicebridge.relay;

import java.time.ZoneId;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/**
 * What the assistant on one call knows about its business.
 *
 * @param realtimeVoice the Realtime API voice the assistant's voice type maps to
 * @param greeting what the assistant says first; blank lets the model greet in its own
 * words
 */
public record CallContext(String receptionistName, String businessName, String description, ZoneId zone,
		List<OpeningHours> hours, String realtimeVoice, String greeting) {
}
