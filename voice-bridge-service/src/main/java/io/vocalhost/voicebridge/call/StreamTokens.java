package io.vocalhost.voicebridge.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token that lets one media stream in for one call, once, for a short time. Only its
 * hash is stored; consuming it is a single conditional UPDATE, so it stays single-use
 * across bridge instances sharing the database.
 */
@Component
public class StreamTokens {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	StreamTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public String mint(UUID callId, Duration ttl) {
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		this.jdbc.sql("INSERT INTO stream_token (token_hash, call_id, expires_at) VALUES (?, ?, ?)")
			.params(hash(token), callId, this.clock.instant().plus(ttl).atOffset(ZoneOffset.UTC))
			.update();
		return token;
	}

	/**
	 * @return {@code true} once for a token minted for this call and not yet expired;
	 * {@code false} for a missing, unknown, expired, reused or other call's token
	 */
	public boolean consume(UUID callId, String token) {
		if (token == null || token.isEmpty()) {
			return false;
		}
		return this.jdbc.sql("""
				UPDATE stream_token SET used_at = ?
				WHERE token_hash = ? AND call_id = ? AND used_at IS NULL AND expires_at > ?
				""")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), hash(token), callId,
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
