package io.vocalhost.voicebridge.call;

import java.util.UUID;

/** A call as the bridge recorded it; {@code endReason} is {@code null} while it runs. */
public record CallRecord(UUID id, String callSid, Long assistantId, String caller, String calledNumber,
		String endReason, String twilioStatus, Integer durationSeconds) {
}
