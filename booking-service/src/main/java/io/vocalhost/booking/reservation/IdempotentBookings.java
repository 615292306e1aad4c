package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import io.vocalhost.common.text.Sha256;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotent booking by key: the first request with a key books and its answer is stored
 * in the same transaction; a repeat with the same body gets that same answer, a repeat
 * with another body is refused (422). Concurrent repeats wait on the first one's row and
 * then read its answer.
 */
@Component
class IdempotentBookings {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Clock clock;

	IdempotentBookings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	<T> Answer once(long assistantId, String key, Object request, Class<T> answerType, Supplier<T> booking) {
		String hash = hash(json.writeValueAsString(request));
		int claimed = this.jdbc.sql("""
				INSERT INTO booking_request (assistant_id, idempotency_key, request_hash, created_at)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
				""").params(assistantId, key, hash, this.clock.instant().atOffset(ZoneOffset.UTC)).update();
		if (claimed == 0) {
			Stored stored = this.jdbc.sql("""
					SELECT request_hash, response_status, response_body FROM booking_request
					WHERE assistant_id = ? AND idempotency_key = ?
					""").params(assistantId, key).query(Stored.class).single();
			if (!stored.requestHash().equals(hash)) {
				throw new IdempotencyKeyReusedException(
						"This Idempotency-Key was used for a different booking request");
			}
			return new Answer(stored.responseStatus(), json.readValue(stored.responseBody(), answerType));
		}
		T answer = booking.get();
		this.jdbc.sql("""
				UPDATE booking_request SET response_status = 201, response_body = ?
				WHERE assistant_id = ? AND idempotency_key = ?
				""").params(json.writeValueAsString(answer), assistantId, key).update();
		return new Answer(201, answer);
	}

	private static String hash(String text) {
		return Sha256.hex(text);
	}

	record Answer(int status, Object body) {
	}

	record Stored(String requestHash, Integer responseStatus, String responseBody) {
	}

	static Optional<String> key(String header) {
		return Optional.ofNullable(header)
			.map(String::trim)
			.filter((value) -> !value.isEmpty() && value.length() <= 200);
	}

}
