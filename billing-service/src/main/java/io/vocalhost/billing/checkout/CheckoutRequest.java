package io.vocalhost.billing.checkout;

import java.util.Iterator;

import io.vocalhost.billing.subscription.PlanPrices;
import io.vocalhost.common.error.ApiException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;

/**
 * The checkout body {@code {"plan_id": "basic" | "pro"}}, read strictly: no other field,
 * a string, exactly one of the plan ids (no case or space guessing).
 */
record CheckoutRequest(String planId) {

	static final String PLAN_ID = "plan_id";

	static CheckoutRequest from(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw invalid("The body must be a JSON object {\"plan_id\": \"basic\" | \"pro\"}");
		}
		Iterator<String> names = body.propertyNames().iterator();
		while (names.hasNext()) {
			String name = names.next();
			if (!PLAN_ID.equals(name)) {
				throw invalid(name + ": is not a field of this request");
			}
		}
		JsonNode plan = body.get(PLAN_ID);
		if (plan == null || plan.isNull()) {
			throw invalid("plan_id: is required");
		}
		if (!plan.isString() || !PlanPrices.PAID_PLANS.contains(plan.asString())) {
			throw invalid("plan_id: must be one of " + String.join(", ", PlanPrices.PAID_PLANS));
		}
		return new CheckoutRequest(plan.asString());
	}

	private static ApiException invalid(String details) {
		return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", details);
	}

}
