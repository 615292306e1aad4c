package io.vocalhost.voicebridge.call;

import java.time.Instant;
import java.util.UUID;

/**
 * A call as the bridge recorded it; {@code endReason} and {@code endedAt} are
 * {@code null} while it runs, {@code answeredAt} unless the assistant took it.
 */
public record CallRecord(UUID id, String callSid, Long assistantId, Long ownerId, String caller, String calledNumber,
		Instant startedAt, Instant answeredAt, Instant endedAt, String endReason, String twilioStatus,
		Integer durationSeconds) {
}
