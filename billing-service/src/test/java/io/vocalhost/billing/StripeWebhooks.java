package io.vocalhost.billing;

import java.time.Instant;

import com.stripe.Stripe;
import com.stripe.net.Webhook;

/**
 * Stripe events as Stripe sends them to the webhook: the JSON of the SDK's API version,
 * signed with the SDK's own signature code.
 */
final class StripeWebhooks {

	static final String SECRET = "whsec_current_test";

	static final String OLD_SECRET = "whsec_previous_test";

	private StripeWebhooks() {
	}

	static String event(String id, String type, long created, String object) {
		return """
				{"id": "%s", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
				 "pending_webhooks": 1, "type": "%s", "data": {"object": %s}}""".formatted(id, Stripe.API_VERSION,
				created, type, object);
	}

	static String subscription(String id, String customer, String price, String status, long periodStart,
			long periodEnd) {
		return """
				{"id": "%s", "object": "subscription", "customer": "%s", "status": "%s",
				 "cancel_at_period_end": false, "metadata": {},
				 "items": {"object": "list", "data": [{"id": "si_%s", "object": "subscription_item",
				   "current_period_start": %d, "current_period_end": %d,
				   "price": {"id": "%s", "object": "price"}}]}}""".formatted(id, customer, status, id, periodStart,
				periodEnd, price);
	}

	static String checkoutSession(String customer, String subscription, String plan) {
		return """
				{"id": "cs_test_done", "object": "checkout.session", "mode": "subscription", "customer": "%s",
				 "subscription": "%s", "payment_status": "paid", "status": "complete",
				 "metadata": {"plan_id": "%s"}}""".formatted(customer, subscription, plan);
	}

	static String invoice(String id, String customer, String subscription, int attempt) {
		return """
				{"id": "%s", "object": "invoice", "customer": "%s", "amount_due": 2900, "currency": "usd",
				 "attempt_count": %d,
				 "parent": {"type": "subscription_details", "subscription_details": {"subscription": "%s"}}}"""
			.formatted(id, customer, attempt, subscription);
	}

	static String sign(String payload, String secret) {
		return sign(payload, secret, Instant.now().getEpochSecond());
	}

	static String sign(String payload, String secret, long timestamp) {
		try {
			return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
