package io.vocalhost.billing;

import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.vocalhost.testsupport.TestHttp.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a Stripe secret key billing still starts: checkout, portal and the webhook
 * answer 503 "Billing is not configured", and everyone is on the free plan.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vocalhost.billing.stripe.secret-key=", "vocalhost.billing.stripe.webhook-secrets=whsec_x" })
@RealInfrastructure
class BillingNotConfiguredTests {

	@LocalServerPort
	int port;

	@Test
	void stripeEndpointsAnswer503AndEveryoneIsFree() {
		TestHttp user = TestHttp.at(this.port).asUser(4242);
		assertError(user.json("POST", "/stripe/create-checkout-session", "{\"plan_id\": \"basic\"}"), 503,
				"Billing is not configured");
		assertError(user.json("POST", "/stripe/create-customer-portal-session", "{}"), 503,
				"Billing is not configured");
		assertError(
				TestHttp.at(this.port).header("Stripe-Signature", "t=1,v1=00").json("POST", "/stripe/webhook", "{}"),
				503, "Billing is not configured");

		JsonNode subscription = TestHttp.body(user.get("/api/billing/subscription"));
		assertThat(subscription.path("plan").asString()).isEqualTo("free");
		assertThat(subscription.path("status").asString()).isEqualTo("active");
		assertThat(subscription.path("current_period_end").isNull()).isTrue();
		assertThat(subscription.path("limits").path("assistants").asInt()).isEqualTo(1);
		assertThat(subscription.path("limits").path("concurrent_calls").asInt()).isEqualTo(1);
		assertThat(subscription.path("limits").path("call_minutes").asInt()).isEqualTo(60);
		assertThat(subscription.path("usage").path("assistants").asInt()).isZero();
		assertThat(subscription.path("usage").path("call_minutes").asInt()).isZero();
	}

}
