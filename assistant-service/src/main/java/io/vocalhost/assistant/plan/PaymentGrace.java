package io.vocalhost.assistant.plan;

import io.vocalhost.assistant.assistant.Assistants;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs or stops an owner's assistants as their plan state decides, when billing reports a
 * change and, for past-due subscriptions, once their grace period is over.
 */
@Component
class PaymentGrace {

	private final PlanStates plans;

	private final Assistants assistants;

	PaymentGrace(PlanStates plans, Assistants assistants) {
		this.plans = plans;
		this.assistants = assistants;
	}

	@Transactional
	void apply(long ownerId) {
		this.plans.assistantsMayRun(ownerId).ifPresent((run) -> this.assistants.setStatusOfOwner(ownerId, run));
	}

	@Scheduled(fixedDelayString = "${vocalhost.plan-policy.check-interval:1m}")
	void suspendPastGrace() {
		this.plans.pastGrace().forEach(this::apply);
	}

}
