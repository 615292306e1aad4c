package io.vocalhost.common.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions whose access tokens must be refused before they expire, fed by
 * {@code session-revoked} events. An entry is dropped once every token of its session has
 * expired on its own.
 */
public class RevokedSessions {

	private final Map<UUID, Instant> revokedUntil = new ConcurrentHashMap<>();

	private final Clock clock;

	public RevokedSessions(Clock clock) {
		this.clock = clock;
	}

	public void revoke(UUID sessionId, Instant tokensValidUntil) {
		this.revokedUntil.merge(sessionId, tokensValidUntil, (a, b) -> a.isAfter(b) ? a : b);
	}

	public boolean isRevoked(UUID sessionId) {
		Instant until = this.revokedUntil.get(sessionId);
		if (until == null) {
			return false;
		}
		if (until.isBefore(this.clock.instant())) {
			this.revokedUntil.remove(sessionId, until);
		}
		return true;
	}

}
