package io.vocalhost.assistant.assistant;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultTimeZone the zone of an assistant registered without one
 * @param maxFiles documents one registration may carry
 * @param planAddons the features each plan allows, as the original frontend names them
 */
@ConfigurationProperties("vocalhost.assistants")
public record AssistantProperties(@DefaultValue("America/New_York") ZoneId defaultTimeZone,
		@DefaultValue("10") int maxFiles, Map<String, List<String>> planAddons) {

	public List<String> addonsOf(String plan) {
		return this.planAddons.getOrDefault(plan, List.of());
	}

}
