package io.vocalhost.billing;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stripe's REST API as the SDK speaks it: form-encoded POSTs under {@code /v1}, JSON
 * objects back, Stripe's error shape. A customer's id is derived from the request's
 * Idempotency-Key, so repeating a key gives the same customer, as Stripe does.
 */
final class StripeStandIn {

	static final String PRICE_BASIC = "price_basic_test";

	static final String PRICE_PRO = "price_pro_test";

	private static WireMockServer server;

	private StripeStandIn() {
	}

	static synchronized WireMockServer server() {
		if (server == null) {
			server = new WireMockServer(options().dynamicPort().globalTemplating(true));
			server.start();
			stripeIsUp();
		}
		return server;
	}

	static String apiBase() {
		return server().baseUrl();
	}

	/** Every endpoint billing uses answers as Stripe does. */
	static void stripeIsUp() {
		WireMockServer stripe = server();
		stripe.resetAll();
		stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(okJson("""
				{"id": "cus_{{request.headers.[Idempotency-Key]}}", "object": "customer"}
				""")));
		stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(okJson("""
				{"id": "cs_test_{{randomValue length=12 type='ALPHANUMERIC'}}", "object": "checkout.session",
				 "mode": "subscription", "status": "open",
				 "url": "https://checkout.stripe.com/c/pay/cs_test"}
				""")));
		stripe.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(okJson("""
				{"id": "bps_test", "object": "billing_portal.session",
				 "url": "https://billing.stripe.com/p/session/test"}
				""")));
		stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(okJson("""
				{"object": "billing.meter_event", "event_name": "call_minutes", "livemode": false}
				""")));
	}

	/** Stripe refuses every Checkout Session with its invalid-request error. */
	static void refuseCheckouts(String message) {
		server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
					{"error": {"type": "invalid_request_error", "code": "resource_missing", "message": "%s",
					 "param": "line_items[0][price]"}}
					""".formatted(message))));
	}

	/** Stripe cannot be reached: every connection is reset. */
	static void stripeIsDown() {
		server().resetAll();
		server()
			.stubFor(post(urlPathMatching("/v1/.*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
	}

	static List<LoggedRequest> requestsTo(String path) {
		return server().findAll(postRequestedFor(urlPathEqualTo(path)));
	}

}
