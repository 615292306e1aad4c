package io.vocalhost.common.events.session;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventType;
import io.vocalhost.common.events.Topics;

import org.springframework.modulith.events.Externalized;

/**
 * A sign-in session ended (logout, refresh token replay, expiry). Every service and the
 * gateway refuse the session's access tokens from now on, until they would have expired
 * anyway.
 *
 * @param sessionId the {@code sid} claim of the session's access tokens
 * @param tokensValidUntil no access token of the session is valid after this instant
 * @param reason {@code logout}, {@code refresh-replayed} or {@code expired}
 */
@EventType("session-revoked")
@Externalized(Topics.SESSION_EVENTS + "::#{sessionId()}")
public record SessionRevoked(UUID eventId, Instant occurredAt, UUID sessionId, long userId, Instant tokensValidUntil,
		String reason) implements DomainEvent {
}
