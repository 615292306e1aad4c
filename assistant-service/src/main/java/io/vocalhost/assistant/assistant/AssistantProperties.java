package io.vocalhost.assistant.assistant;

import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultTimeZone the zone of an assistant registered without one
 * @param maxFiles documents one registration may carry
 * @param planLimits assistants each plan allows
 */
@ConfigurationProperties("vocalhost.assistants")
public record AssistantProperties(@DefaultValue("America/New_York") ZoneId defaultTimeZone,
		@DefaultValue("10") int maxFiles, Map<String, Integer> planLimits) {

	public int limitOf(String plan) {
		return this.planLimits.getOrDefault(plan, this.planLimits.getOrDefault("free", 1));
	}

}
