package io.vocalhost.billing.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import io.vocalhost.billing.customer.Customers;
import io.vocalhost.billing.subscription.PlanPrices;
import io.vocalhost.billing.subscription.Subscriptions;
import io.vocalhost.billing.system.BillingProperties;
import io.vocalhost.billing.system.StripeAccess;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.security.CurrentUser;
import io.vocalhost.common.web.ErrorResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original API's Checkout and customer portal endpoints, paths and bodies unchanged,
 * for the signed-in user's Stripe customer.
 */
@RestController
class CheckoutController {

	private final StripeAccess stripe;

	private final Customers customers;

	private final Subscriptions subscriptions;

	private final PlanPrices prices;

	private final BillingProperties properties;

	CheckoutController(StripeAccess stripe, Customers customers, Subscriptions subscriptions, PlanPrices prices,
			BillingProperties properties) {
		this.stripe = stripe;
		this.customers = customers;
		this.subscriptions = subscriptions;
		this.prices = prices;
		this.properties = properties;
	}

	@PostMapping("/stripe/create-checkout-session")
	@ErrorResponse(status = 409, description = "Already on this plan (use the portal), or no billing customer yet")
	@ErrorResponse(status = 503, description = "Billing is not configured, or Stripe is unavailable")
	CheckoutSession checkout(@AuthenticationPrincipal Jwt token, @RequestBody(required = false) JsonNode body)
			throws StripeException {
		long user = CurrentUser.id(token);
		String plan = CheckoutRequest.from(body).planId();
		this.stripe.client();
		String price = this.prices.priceOf(plan)
			.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Billing is not configured",
					"No Stripe price is set up for the " + plan + " plan (STRIPE_PRICE_" + plan.toUpperCase() + ")"));
		if (this.subscriptions.of(user).filter((current) -> current.effectivePlan().equals(plan)).isPresent()) {
			throw new ApiException(HttpStatus.CONFLICT, "Already subscribed", "You are already on the " + plan
					+ " plan; change or cancel it in the customer portal (POST /stripe/create-customer-portal-session)");
		}
		String customer = this.customers.require(user);
		SessionCreateParams params = SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
			.setCustomer(customer)
			.addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
			.setSuccessUrl(this.properties.frontend("/dashboard?session_id={CHECKOUT_SESSION_ID}"))
			.setCancelUrl(this.properties.frontend("/plans"))
			.setClientReferenceId(String.valueOf(user))
			.putMetadata(CheckoutRequest.PLAN_ID, plan)
			.setSubscriptionData(
					SessionCreateParams.SubscriptionData.builder().putMetadata(CheckoutRequest.PLAN_ID, plan).build())
			.build();
		Session session = this.stripe.client().v1().checkout().sessions().create(params, RequestOptions.getDefault());
		return new CheckoutSession(session.getId(), session.getUrl(), "created");
	}

	@PostMapping("/stripe/create-customer-portal-session")
	@ErrorResponse(status = 409, description = "No billing customer yet")
	@ErrorResponse(status = 503, description = "Billing is not configured, or Stripe is unavailable")
	PortalSession portal(@AuthenticationPrincipal Jwt token) throws StripeException {
		long user = CurrentUser.id(token);
		this.stripe.client();
		String customer = this.customers.customerOf(user)
			.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "No billing customer yet",
					"There is no Stripe customer for your account yet; subscribe to a plan first or try again "
							+ "in a few seconds"));
		com.stripe.model.billingportal.Session session = this.stripe.client()
			.v1()
			.billingPortal()
			.sessions()
			.create(com.stripe.param.billingportal.SessionCreateParams.builder()
				.setCustomer(customer)
				.setReturnUrl(this.properties.frontend("/dashboard"))
				.build());
		return new PortalSession(session.getUrl());
	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record CheckoutSession(String id, String url, String status) {
	}

	record PortalSession(String url) {
	}

}
