package io.vocalhost.auth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.common.text.Sha256;
import io.vocalhost.auth.system.AuthProperties;
import io.vocalhost.auth.token.AccessTokens;
import io.vocalhost.auth.token.AccessTokens.IssuedToken;
import io.vocalhost.common.events.session.SessionRevoked;
import io.vocalhost.common.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in sessions: a short-lived access token plus a rotating refresh token. A session
 * ends after {@code idleTimeout} without a refresh, {@code absoluteTimeout} after
 * sign-in, on logout, or when an already rotated refresh token is presented again (a
 * stolen token being replayed).
 */
@Service
public class Sessions {

	private static final Logger logger = LoggerFactory.getLogger(Sessions.class);

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final AccessTokens accessTokens;

	private final ApplicationEventPublisher events;

	private final AuthProperties properties;

	private final SecurityProperties security;

	private final Clock clock;

	Sessions(JdbcClient jdbc, AccessTokens accessTokens, ApplicationEventPublisher events, AuthProperties properties,
			SecurityProperties security, Clock clock) {
		this.jdbc = jdbc;
		this.accessTokens = accessTokens;
		this.events = events;
		this.properties = properties;
		this.security = security;
		this.clock = clock;
	}

	@Transactional
	public SessionTokens start(long userId) {
		Instant now = now();
		UUID sessionId = UUID.randomUUID();
		Instant expiresAt = now.plus(this.properties.absoluteTimeout());
		this.jdbc.sql("""
				INSERT INTO user_session (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)
				""").params(sessionId, userId, utc(now), utc(now), utc(expiresAt)).update();
		String refreshToken = newRefreshToken(sessionId, now);
		return new SessionTokens(this.accessTokens.issue(userId, sessionId, now), refreshToken, expiresAt);
	}

	/**
	 * Trades a refresh token for a new access token and a new refresh token.
	 * @return the new tokens, or empty when the session is over (the caller signs the
	 * user out)
	 */
	@Transactional
	public Optional<SessionTokens> refresh(String refreshToken) {
		Instant now = now();
		// Both rows locked: a request that waited for the other's rotation then reads the
		// token's new rotated_at (PostgreSQL re-reads only the locked rows after the
		// wait).
		Optional<PresentedToken> found = this.jdbc.sql("""
				SELECT t.session_id, t.rotated_at, s.user_id, s.last_seen_at, s.expires_at, s.revoked_at
				FROM refresh_token t JOIN user_session s ON s.id = t.session_id
				WHERE t.token_hash = ? FOR UPDATE OF t, s
				""").param(hash(refreshToken)).query(PresentedToken.class).optional();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		PresentedToken token = found.get();
		if (token.revokedAt() != null) {
			return Optional.empty();
		}
		if (token.rotatedAt() != null) {
			if (!now.isAfter(token.rotatedAt().toInstant().plus(this.properties.refreshReplayGrace()))) {
				// Two requests raced with the same cookie: the other one rotated it a
				// moment ago.
				return Optional.of(new SessionTokens(this.accessTokens.issue(token.userId(), token.sessionId(), now),
						null, token.expiresAt().toInstant()));
			}
			logger.warn("Rotated refresh token of session {} presented again: revoking the session", token.sessionId());
			revoke(token.sessionId(), token.userId(), "refresh-replayed", now);
			return Optional.empty();
		}
		if (!now.isBefore(token.expiresAt().toInstant())
				|| !now.isBefore(token.lastSeenAt().toInstant().plus(this.properties.idleTimeout()))) {
			revoke(token.sessionId(), token.userId(), "expired", now);
			return Optional.empty();
		}
		this.jdbc.sql("UPDATE refresh_token SET rotated_at = ? WHERE token_hash = ?")
			.params(utc(now), hash(refreshToken))
			.update();
		this.jdbc.sql("UPDATE user_session SET last_seen_at = ? WHERE id = ?")
			.params(utc(now), token.sessionId())
			.update();
		String rotated = newRefreshToken(token.sessionId(), now);
		return Optional.of(new SessionTokens(this.accessTokens.issue(token.userId(), token.sessionId(), now), rotated,
				token.expiresAt().toInstant()));
	}

	/** Ends the session of this refresh token, if any. */
	@Transactional
	public void logout(String refreshToken) {
		this.jdbc.sql("""
				SELECT s.id, s.user_id FROM refresh_token t JOIN user_session s ON s.id = t.session_id
				WHERE t.token_hash = ? AND s.revoked_at IS NULL
				""")
			.param(hash(refreshToken))
			.query((row, number) -> new SessionOwner(row.getObject("id", UUID.class), row.getLong("user_id")))
			.optional()
			.ifPresent((session) -> revoke(session.id(), session.userId(), "logout", now()));
	}

	/**
	 * Ends a session by its id (the {@code sid} of an access token), if it belongs to
	 * this user.
	 */
	@Transactional
	public void logout(UUID sessionId, long userId) {
		int revoked = markRevoked(sessionId, userId, "logout", now());
		if (revoked == 1) {
			publishRevocation(sessionId, userId, "logout", now());
		}
	}

	private void revoke(UUID sessionId, long userId, String reason, Instant now) {
		if (markRevoked(sessionId, userId, reason, now) == 1) {
			publishRevocation(sessionId, userId, reason, now);
		}
	}

	private int markRevoked(UUID sessionId, long userId, String reason, Instant now) {
		return this.jdbc.sql("""
				UPDATE user_session SET revoked_at = ?, revoked_reason = ?
				WHERE id = ? AND user_id = ? AND revoked_at IS NULL
				""").params(utc(now), reason, sessionId, userId).update();
	}

	private void publishRevocation(UUID sessionId, long userId, String reason, Instant now) {
		Instant tokensValidUntil = now.plus(this.properties.accessTokenTtl()).plus(this.security.clockSkew());
		this.events
			.publishEvent(new SessionRevoked(UUID.randomUUID(), now, sessionId, userId, tokensValidUntil, reason));
	}

	private String newRefreshToken(UUID sessionId, Instant now) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.jdbc.sql("INSERT INTO refresh_token (token_hash, session_id, issued_at) VALUES (?, ?, ?)")
			.params(hash(token), sessionId, utc(now))
			.update();
		return token;
	}

	private static String hash(String token) {
		return Sha256.hex(token);
	}

	/**
	 * At the database's precision, so that a time compares the same before and after
	 * storing it.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * @param refreshToken the new refresh token, or {@code null} when the old one stays
	 * (a refresh inside the replay grace window)
	 */
	public record SessionTokens(IssuedToken accessToken, String refreshToken, Instant sessionExpiresAt) {
	}

	record PresentedToken(UUID sessionId, OffsetDateTime rotatedAt, long userId, OffsetDateTime lastSeenAt,
			OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
	}

	private record SessionOwner(UUID id, long userId) {
	}

}
