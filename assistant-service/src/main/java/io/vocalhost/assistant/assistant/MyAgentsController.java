package io.vocalhost.assistant.assistant;

import java.util.Comparator;
import java.util.List;

import io.vocalhost.assistant.assistant.MyAgents.Agent;
import io.vocalhost.assistant.assistant.MyAgents.UserInfo;
import io.vocalhost.assistant.plan.PlanStates;
import io.vocalhost.assistant.plan.Subscription;
import io.vocalhost.common.config.PlanLimits;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original frontend's one call for its Create, Dashboard and Plans pages: the
 * signed-in user's plan, from the state billing last reported, and their assistants.
 */
@RestController
class MyAgentsController {

	private final Assistants assistants;

	private final PlanStates plans;

	private final AssistantProperties properties;

	private final PlanLimits limits;

	MyAgentsController(Assistants assistants, PlanStates plans, AssistantProperties properties, PlanLimits limits) {
		this.assistants = assistants;
		this.plans = plans;
		this.properties = properties;
		this.limits = limits;
	}

	@GetMapping("/api/my-agents")
	MyAgents myAgents(@AuthenticationPrincipal Jwt token) {
		long owner = CurrentUser.id(token);
		List<Agent> agents = this.assistants.ofOwner(owner)
			.stream()
			.sorted(Comparator.comparing(Assistant::createdAt).thenComparing(Assistant::id).reversed())
			.map(Agent::of)
			.toList();
		Subscription subscription = this.plans.subscriptionOf(owner);
		int limit = this.limits.of(subscription.plan()).assistants();
		UserInfo user = new UserInfo(subscription.plan(), subscription.status(), limit,
				this.properties.addonsOf(subscription.plan()), subscription.isActive() && agents.size() < limit);
		return new MyAgents(user, agents, agents.size());
	}

}
