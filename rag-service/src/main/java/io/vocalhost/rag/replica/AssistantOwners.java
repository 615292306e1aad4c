package io.vocalhost.rag.replica;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The replica of every assistant's owner, kept from assistant-events. */
@Component
public class AssistantOwners {

	private final JdbcClient jdbc;

	AssistantOwners(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the owner unless a newer event already did. */
	public void apply(long assistantId, long ownerId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO assistant_owner (assistant_id, owner_id, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (assistant_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, updated_at = EXCLUDED.updated_at
				WHERE assistant_owner.updated_at <= EXCLUDED.updated_at
				""").params(assistantId, ownerId, at.atOffset(ZoneOffset.UTC)).update();
	}

	public void remove(long assistantId) {
		this.jdbc.sql("DELETE FROM assistant_owner WHERE assistant_id = ?").param(assistantId).update();
	}

	/**
	 * @throws AssistantNotFoundException unless the assistant is known and the owner's
	 */
	public void requireOwned(long assistantId, long ownerId) {
		if (!isOwned(assistantId, ownerId)) {
			throw new AssistantNotFoundException(assistantId);
		}
	}

	public boolean isOwned(long assistantId, long ownerId) {
		return this.jdbc.sql("SELECT owner_id FROM assistant_owner WHERE assistant_id = ?")
			.param(assistantId)
			.query(Long.class)
			.optional()
			.filter((owner) -> owner == ownerId)
			.isPresent();
	}

}
