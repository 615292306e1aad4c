package io.vocalhost.assistant.assistant;

/** The owner already has as many assistants as their plan allows. */
public class PlanLimitReachedException extends RuntimeException {

	PlanLimitReachedException(String plan, int limit) {
		super("The " + plan + " plan allows " + limit + " assistant" + ((limit == 1) ? "" : "s")
				+ "; upgrade to add more");
	}

}
