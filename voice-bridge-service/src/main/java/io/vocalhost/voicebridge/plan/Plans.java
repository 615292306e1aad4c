package io.vocalhost.voicebridge.plan;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replica of each owner's plan, kept from billing-events.
 * <p>
 * The plan in force is the subscription's plan while its status is {@code active} or
 * {@code trialing}, as assistant-service reads it; any other status ({@code past_due},
 * {@code canceled}, {@code unpaid}, {@code incomplete}, {@code paused}) and an owner
 * billing never reported on have the free plan.
 */
@Component
public class Plans {

	public static final String FREE = "free";

	private final JdbcClient jdbc;

	Plans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public String planOf(long ownerId) {
		return this.jdbc.sql("SELECT plan FROM owner_plan WHERE owner_id = ? AND status IN ('active', 'trialing')")
			.param(ownerId)
			.query(String.class)
			.optional()
			.orElse(FREE);
	}

	/** Applies a subscription change unless a newer one is already applied. */
	public void subscriptionChanged(long ownerId, String plan, String status, Instant at) {
		this.jdbc.sql("""
				INSERT INTO owner_plan (owner_id, plan, status, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (owner_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
					updated_at = EXCLUDED.updated_at
				WHERE owner_plan.updated_at <= EXCLUDED.updated_at
				""").params(ownerId, plan, status, at.atOffset(ZoneOffset.UTC)).update();
	}

	/** A failed payment: the subscription is past due until billing reports it paid. */
	public void paymentFailed(long ownerId, Instant at) {
		this.jdbc
			.sql("UPDATE owner_plan SET status = 'past_due', updated_at = ? WHERE owner_id = ? AND updated_at <= ?")
			.params(at.atOffset(ZoneOffset.UTC), ownerId, at.atOffset(ZoneOffset.UTC))
			.update();
	}

}
