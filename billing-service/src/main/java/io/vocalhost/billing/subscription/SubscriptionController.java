package io.vocalhost.billing.subscription;

import java.time.Clock;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.billing.usage.Usage;
import io.vocalhost.common.config.PlanLimits;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's plan, what it allows (the same {@link PlanLimits} the services
 * enforce) and what is used of it.
 */
@RestController
class SubscriptionController {

	private final Subscriptions subscriptions;

	private final Usage usage;

	private final PlanLimits limits;

	private final Clock clock;

	SubscriptionController(Subscriptions subscriptions, Usage usage, PlanLimits limits, Clock clock) {
		this.subscriptions = subscriptions;
		this.usage = usage;
		this.limits = limits;
		this.clock = clock;
	}

	@GetMapping("/api/billing/subscription")
	SubscriptionView subscription(@AuthenticationPrincipal Jwt token) {
		long user = CurrentUser.id(token);
		SubscriptionState state = this.subscriptions.of(user).orElse(null);
		String plan = (state != null) ? state.effectivePlan() : PlanLimits.FREE;
		PlanLimits.Limits allowed = this.limits.of(plan);
		Instant periodStart = (state != null && !plan.equals(PlanLimits.FREE)) ? state.currentPeriodStart() : null;
		Instant periodEnd = (state != null && !plan.equals(PlanLimits.FREE)) ? state.currentPeriodEnd() : null;
		return new SubscriptionView(plan, (state != null) ? state.status() : "active",
				(state != null) ? state.currentPeriodEnd() : null, state != null && state.cancelAtPeriodEnd(),
				new LimitsView(allowed.assistants(), allowed.concurrentCalls(), allowed.callMinutes()),
				new UsageView(this.usage.assistantsOf(user),
						this.usage.callMinutesOf(user, periodStart, periodEnd, this.clock.instant())));
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record SubscriptionView(String plan, String status, @JsonProperty("current_period_end") Instant currentPeriodEnd,
			@JsonProperty("cancel_at_period_end") boolean cancelAtPeriodEnd, LimitsView limits, UsageView usage) {
	}

	record LimitsView(int assistants, @JsonProperty("concurrent_calls") int concurrentCalls,
			@JsonProperty("call_minutes") int callMinutes) {
	}

	record UsageView(int assistants, @JsonProperty("call_minutes") int callMinutes) {
	}

}
