package io.vocalhost.assistant.plan;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each owner's plan as billing last reported it; the free plan until billing says
 * otherwise.
 */
@Component
public class PlanStates {

	public static final String FREE = "free";

	private final JdbcClient jdbc;

	PlanStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public String planOf(long ownerId) {
		return this.jdbc.sql("SELECT plan FROM plan_state WHERE owner_id = ? AND status IN ('active', 'trialing')")
			.param(ownerId)
			.query(String.class)
			.optional()
			.orElse(FREE);
	}

	void record(long ownerId, String plan, String status, Instant at) {
		this.jdbc.sql("""
				INSERT INTO plan_state (owner_id, plan, status, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (owner_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
					updated_at = EXCLUDED.updated_at
				WHERE plan_state.updated_at <= EXCLUDED.updated_at
				""").params(ownerId, plan, status, at.atOffset(ZoneOffset.UTC)).update();
	}

}
