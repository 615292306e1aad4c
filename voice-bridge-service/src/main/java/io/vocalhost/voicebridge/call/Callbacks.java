package io.vocalhost.voicebridge.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The messages callers left with the assistant ({@code take_message}), for the owner to
 * call back. Another owner's callback or assistant is not found, never refused.
 */
@Component
public class Callbacks {

	private static final String COLUMNS = "id, assistant_id, call_id, name, callback_number, message, created_at, handled_at";

	/**
	 * A message to call back.
	 *
	 * @param handledAt when the owner marked it done; {@code null} while it is open
	 */
	record Callback(long id, @JsonProperty("assistant_id") long assistantId, @JsonProperty("call_id") UUID callId,
			String name, @JsonProperty("callback_number") String callbackNumber, String message,
			@JsonProperty("created_at") Instant createdAt, boolean handled,
			@JsonProperty("handled_at") Instant handledAt) {
	}

	record CallbackList(List<Callback> callbacks) {
	}

	private final JdbcClient jdbc;

	private final CallHistory history;

	private final Clock clock;

	Callbacks(JdbcClient jdbc, CallHistory history, Clock clock) {
		this.jdbc = jdbc;
		this.history = history;
		this.clock = clock;
	}

	/** Stores a caller's message. @return its id */
	public long left(long assistantId, long ownerId, UUID callId, String name, String callbackNumber, String message) {
		return this.jdbc.sql("""
				INSERT INTO callback (assistant_id, owner_id, call_id, name, callback_number, message, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
				""")
			.params(assistantId, ownerId, callId, name, callbackNumber, message,
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.single();
	}

	/** The assistant's callbacks, newest first; empty when it is not the owner's. */
	@Transactional(readOnly = true)
	Optional<CallbackList> of(long ownerId, long assistantId) {
		if (!this.history.ownsAssistant(ownerId, assistantId)) {
			return Optional.empty();
		}
		return Optional.of(new CallbackList(this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM callback WHERE owner_id = ? AND assistant_id = ? ORDER BY created_at DESC, id DESC")
			.params(ownerId, assistantId)
			.query(Callbacks::callback)
			.list()));
	}

	/** Marks the owner's callback done, or open again. */
	Optional<Callback> handled(long ownerId, long id, boolean handled) {
		return this.jdbc.sql("""
				UPDATE callback SET handled_at = CASE WHEN ? THEN COALESCE(handled_at, ?) END
				WHERE id = ? AND owner_id = ? RETURNING\s""" + COLUMNS)
			.params(handled, this.clock.instant().atOffset(ZoneOffset.UTC), id, ownerId)
			.query(Callbacks::callback)
			.optional();
	}

	private static Callback callback(ResultSet row, int number) throws SQLException {
		OffsetDateTime handledAt = row.getObject("handled_at", OffsetDateTime.class);
		return new Callback(row.getLong("id"), row.getLong("assistant_id"), row.getObject("call_id", UUID.class),
				row.getString("name"), row.getString("callback_number"), row.getString("message"),
				row.getObject("created_at", OffsetDateTime.class).toInstant(), handledAt != null,
				(handledAt != null) ? handledAt.toInstant() : null);
	}

}
