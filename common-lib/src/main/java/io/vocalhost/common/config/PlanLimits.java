package io.vocalhost.common.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What each plan allows, defined once for every service: assistant-service enforces
 * {@code assistants} ({@code PLAN_LIMIT_*}), the voice bridge {@code concurrentCalls}
 * ({@code VOICE_CALL_CAP_*}), billing counts {@code callMinutes}
 * ({@code PLAN_CALL_MINUTES_*}) and reports all three. The defaults live in
 * {@code vocalhost-defaults.yml}.
 */
@ConfigurationProperties("vocalhost.plans")
public record PlanLimits(Limits free, Limits basic, Limits pro) {

	public static final String FREE = "free";

	/** The limits of {@code plan}; an unknown plan gets the free plan's. */
	public Limits of(String plan) {
		return switch (plan) {
			case "basic" -> this.basic;
			case "pro" -> this.pro;
			default -> this.free;
		};
	}

	/**
	 * @param assistants assistants the plan allows
	 * @param concurrentCalls calls the plan's assistants take at once, across all bridge
	 * instances
	 * @param callMinutes call minutes included per billing period
	 */
	public record Limits(int assistants, int concurrentCalls, int callMinutes) {
	}

}
