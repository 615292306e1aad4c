package io.vocalhost.billing.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's subscription. A change is applied only when it is not older than the state
 * stored (Stripe delivers events in any order), and every change that is applied
 * publishes {@code subscription-changed} in the same transaction. The caller holds the
 * user's customer row lock, so two events of one user never interleave.
 */
@Service
public class Subscriptions {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	Subscriptions(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public Optional<SubscriptionState> of(long userId) {
		return this.jdbc.sql("""
				SELECT user_id, stripe_subscription_id, plan, status, current_period_start, current_period_end,
					cancel_at_period_end, stripe_changed_at
				FROM subscription WHERE user_id = ?
				""")
			.param(userId)
			.query((row, number) -> new SubscriptionState(row.getLong("user_id"),
					row.getString("stripe_subscription_id"), row.getString("plan"), row.getString("status"),
					instant(row, "current_period_start"), instant(row, "current_period_end"),
					row.getBoolean("cancel_at_period_end"), instant(row, "stripe_changed_at")))
			.optional();
	}

	/**
	 * Stores {@code state} unless what is stored is newer.
	 * @return whether it was stored
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean apply(SubscriptionState state) {
		SubscriptionState current = of(state.userId()).orElse(null);
		if (current != null && current.changedAt().isAfter(state.changedAt())) {
			return false;
		}
		this.jdbc
			.sql("""
					INSERT INTO subscription (user_id, stripe_subscription_id, plan, status, current_period_start,
						current_period_end, cancel_at_period_end, stripe_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (user_id) DO UPDATE SET stripe_subscription_id = EXCLUDED.stripe_subscription_id,
						plan = EXCLUDED.plan, status = EXCLUDED.status, current_period_start = EXCLUDED.current_period_start,
						current_period_end = EXCLUDED.current_period_end,
						cancel_at_period_end = EXCLUDED.cancel_at_period_end, stripe_changed_at = EXCLUDED.stripe_changed_at
					""")
			.params(state.userId(), state.subscriptionId(), state.plan(), state.status(),
					utc(state.currentPeriodStart()), utc(state.currentPeriodEnd()), state.cancelAtPeriodEnd(),
					utc(state.changedAt()))
			.update();
		if (!state.sameAs(current)) {
			this.events.publishEvent(new SubscriptionChanged(UUID.randomUUID(), state.changedAt(), state.userId(),
					state.subscriptionId(), state.plan(), state.status(), state.currentPeriodEnd()));
		}
		return true;
	}

	/**
	 * A paid invoice of the user's current subscription: a past-due or unpaid one is
	 * active again.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void paid(long userId, String subscriptionId, Instant at) {
		of(userId).filter((current) -> current.subscriptionId().equals(subscriptionId))
			.filter((current) -> "past_due".equals(current.status()) || "unpaid".equals(current.status()))
			.ifPresent((current) -> apply(withStatus(current, "active", at)));
	}

	/**
	 * A failed payment: {@code payment-failed}, and an active subscription is past due
	 * while Stripe retries.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void paymentFailed(PaymentFailed failure) {
		this.events.publishEvent(failure);
		of(failure.userId()).filter((current) -> current.subscriptionId().equals(failure.subscriptionId()))
			.filter((current) -> "active".equals(current.status()))
			.ifPresent((current) -> apply(withStatus(current, "past_due", failure.occurredAt())));
	}

	private static SubscriptionState withStatus(SubscriptionState state, String status, Instant at) {
		return new SubscriptionState(state.userId(), state.subscriptionId(), state.plan(), status,
				state.currentPeriodStart(), state.currentPeriodEnd(), state.cancelAtPeriodEnd(), at);
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
