package io.vocalhost.billing.subscription;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.vocalhost.common.config.PlanLimits;

/**
 * A user's subscription as Stripe last reported it.
 *
 * @param status Stripe's subscription status
 * @param changedAt when Stripe made the change (its event's creation time)
 */
public record SubscriptionState(long userId, String subscriptionId, String plan, String status,
		Instant currentPeriodStart, Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant changedAt) {

	/**
	 * Statuses in which the plan is usable: paid, on trial, or past due while Stripe
	 * retries the payment.
	 */
	static final Set<String> USABLE = Set.of("active", "trialing", "past_due");

	/**
	 * The plan the user has the use of now: the free plan unless the subscription is
	 * usable.
	 */
	public String effectivePlan() {
		return USABLE.contains(this.status) ? this.plan : PlanLimits.FREE;
	}

	boolean sameAs(SubscriptionState other) {
		return other != null && this.subscriptionId.equals(other.subscriptionId) && this.plan.equals(other.plan)
				&& this.status.equals(other.status) && Objects.equals(this.currentPeriodEnd, other.currentPeriodEnd)
				&& this.cancelAtPeriodEnd == other.cancelAtPeriodEnd;
	}

}
