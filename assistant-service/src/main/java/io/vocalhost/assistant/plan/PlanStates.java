package io.vocalhost.assistant.plan;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each owner's plan as billing last reported it; the free plan until billing says
 * otherwise. A past-due subscription keeps its plan for the grace period
 * ({@link PlanPolicy}); unpaid, canceled, expired and paused ones stop the assistants at
 * once.
 */
@Component
public class PlanStates {

	public static final String FREE = "free";

	private static final String ACTIVE = "active";

	private static final String PAST_DUE = "past_due";

	private static final List<String> STOPPED = List.of("unpaid", "canceled", "incomplete_expired", "paused");

	private final JdbcClient jdbc;

	private final PlanPolicy policy;

	private final Clock clock;

	PlanStates(JdbcClient jdbc, PlanPolicy policy, Clock clock) {
		this.jdbc = jdbc;
		this.policy = policy;
		this.clock = clock;
	}

	public String planOf(long ownerId) {
		return this.jdbc.sql("""
				SELECT plan FROM plan_state WHERE owner_id = ?
				AND (status IN ('active', 'trialing') OR (status = 'past_due' AND past_due_since > ?))
				""").params(ownerId, graceStartedBefore()).query(String.class).optional().orElse(FREE);
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

	/**
	 * Whether the owner's assistants should run under the stored state: yes when paid or
	 * on trial, no when stopped or past due beyond the grace period; empty while the
	 * state does not decide (within the grace period, an incomplete first payment).
	 */
	Optional<Boolean> assistantsMayRun(long ownerId) {
		return this.jdbc.sql("SELECT status, past_due_since FROM plan_state WHERE owner_id = ?")
			.param(ownerId)
			.query((row, number) -> decide(row.getString("status"),
					row.getObject("past_due_since", OffsetDateTime.class)))
			.optional()
			.flatMap((decision) -> decision);
	}

	private Optional<Boolean> decide(String status, OffsetDateTime pastDueSince) {
		if (ACTIVE.equals(status) || "trialing".equals(status)) {
			return Optional.of(true);
		}
		if (STOPPED.contains(status)
				|| (PAST_DUE.equals(status) && pastDueSince != null && !pastDueSince.isAfter(graceStartedBefore()))) {
			return Optional.of(false);
		}
		return Optional.empty();
	}

	/** Owners whose subscription has been past due for longer than the grace period. */
	List<Long> pastGrace() {
		return this.jdbc.sql("SELECT owner_id FROM plan_state WHERE status = 'past_due' AND past_due_since <= ?")
			.param(graceStartedBefore())
			.query(Long.class)
			.list();
	}

	private OffsetDateTime graceStartedBefore() {
		return this.clock.instant().minus(this.policy.gracePeriod()).atOffset(ZoneOffset.UTC);
	}

	/**
	 * A failed payment: Stripe retries, the subscription is past due until paid (and its
	 * plan unknown until billing reports it, when billing had not reported one before).
	 */
	void recordPaymentFailed(long ownerId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO plan_state (owner_id, plan, status, updated_at, past_due_since) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (owner_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
					past_due_since = COALESCE(plan_state.past_due_since, EXCLUDED.past_due_since)
				WHERE plan_state.updated_at <= EXCLUDED.updated_at
				""").params(ownerId, FREE, PAST_DUE, utc(at), utc(at)).update();
	}

	void record(long ownerId, String plan, String status, Instant at) {
		this.jdbc.sql("""
				INSERT INTO plan_state (owner_id, plan, status, updated_at, past_due_since)
				VALUES (?, ?, ?, ?, CASE WHEN ? = 'past_due' THEN ? END)
				ON CONFLICT (owner_id) DO UPDATE SET plan = EXCLUDED.plan, status = EXCLUDED.status,
					updated_at = EXCLUDED.updated_at,
					past_due_since = CASE WHEN EXCLUDED.status = 'past_due'
						THEN COALESCE(plan_state.past_due_since, EXCLUDED.past_due_since) END
				WHERE plan_state.updated_at <= EXCLUDED.updated_at
				""").params(ownerId, plan, status, utc(at), status, utc(at)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
