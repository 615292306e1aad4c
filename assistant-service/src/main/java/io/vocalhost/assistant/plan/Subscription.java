package io.vocalhost.assistant.plan;

/**
 * An owner's plan and subscription status, in the original API's terms.
 *
 * @param status {@code active}, {@code past_due}, {@code canceled} or {@code inactive}
 */
public record Subscription(String plan, String status) {

	public boolean isActive() {
		return "active".equals(this.status);
	}

}
