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

	private static final String ACTIVE = "active";

	private static final String PAST_DUE = "past_due";

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

	/**
	 * The owner's subscription as the original frontend reads it: the free plan (no
	 * billing yet) is an active subscription; Stripe's {@code trialing} counts as active,
	 * {@code past_due} stays (Stripe is retrying), {@code canceled} stays, and any other
	 * status (unpaid, incomplete, paused) reads {@code inactive}.
	 */
	public Subscription subscriptionOf(long ownerId) {
		return this.jdbc.sql("SELECT plan, status FROM plan_state WHERE owner_id = ?")
			.param(ownerId)
			.query((row, number) -> new Subscription(row.getString("plan"), shown(row.getString("status"))))
			.optional()
			.orElse(new Subscription(FREE, ACTIVE));
	}

	private static String shown(String status) {
		return switch (status) {
			case ACTIVE, "trialing" -> ACTIVE;
			case PAST_DUE, "canceled" -> status;
			default -> "inactive";
		};
	}

	/** A failed payment: Stripe retries, the subscription is past due until paid. */
	void recordPaymentFailed(long ownerId, Instant at) {
		this.jdbc.sql("""
				UPDATE plan_state SET status = ?, updated_at = ? WHERE owner_id = ? AND updated_at <= ?
				""").params(PAST_DUE, at.atOffset(ZoneOffset.UTC), ownerId, at.atOffset(ZoneOffset.UTC)).update();
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
