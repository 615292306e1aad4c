package io.vocalhost.assistant.assistant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /api/my-agents}, in the original backend's shape: the
 * signed-in user's plan and their assistants, newest first.
 */
record MyAgents(@JsonProperty("user_info") UserInfo userInfo, List<Agent> agents,
		@JsonProperty("total_agents") int totalAgents) {

	/**
	 * The plan as the frontend's Create, Dashboard and Plans pages read it.
	 *
	 * @param subscriptionStatus {@code active}, {@code past_due}, {@code canceled} or
	 * {@code inactive}; the Create form needs {@code active}
	 */
	record UserInfo(String plan, @JsonProperty("subscription_status") String subscriptionStatus,
			@JsonProperty("max_agents") int maxAgents, @JsonProperty("allowed_addons") List<String> allowedAddons,
			@JsonProperty("can_create_agent") boolean canCreateAgent) {
	}

	/**
	 * One assistant as the dashboard card reads it; {@code name} and {@code agent_name}
	 * are both the receptionist's name (the frontend reads the one, the original backend
	 * sent the other).
	 */
	record Agent(long id, @JsonProperty("name") String receptionistName, @JsonProperty("agent_name") String agentName,
			@JsonProperty("business_name") String businessName, String description,
			@JsonProperty("start_time") String startTime, @JsonProperty("end_time") String endTime,
			@JsonProperty("booking_duration_minutes") int slotMinutes,
			@JsonProperty("available_days") Map<String, Boolean> availableDays,
			@JsonProperty("twilio_number") String twilioNumber, @JsonProperty("voice_type") String voice, String status,
			List<String> features, @JsonProperty("created_at") Instant createdAt) {

		static Agent of(Assistant assistant) {
			AssistantView view = AssistantView.of(assistant);
			return new Agent(view.id(), view.receptionistName(), view.receptionistName(), view.businessName(),
					view.description(), view.startTime(), view.endTime(), view.slotMinutes(), view.availableDays(),
					view.twilioNumber(), view.voice(), view.status(), assistant.receptionist().features(),
					assistant.createdAt());
		}

	}

}
