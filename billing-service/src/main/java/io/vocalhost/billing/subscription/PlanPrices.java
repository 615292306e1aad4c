package io.vocalhost.billing.subscription;

import java.util.List;
import java.util.Optional;

import io.vocalhost.billing.system.BillingProperties;

import org.springframework.stereotype.Component;

/** The paid plans and their Stripe prices ({@code STRIPE_PRICE_BASIC}, {@code _PRO}). */
@Component
public class PlanPrices {

	public static final List<String> PAID_PLANS = List.of("basic", "pro");

	private final BillingProperties.Stripe stripe;

	PlanPrices(BillingProperties properties) {
		this.stripe = properties.stripe();
	}

	/** The price of a paid plan; empty when the plan's price is not configured. */
	public Optional<String> priceOf(String plan) {
		return Optional.ofNullable(switch (plan) {
			case "basic" -> this.stripe.priceBasic();
			case "pro" -> this.stripe.pricePro();
			default -> null;
		}).filter((price) -> !price.isBlank());
	}

	/** The plan a Stripe price stands for, if it is one of ours. */
	public Optional<String> planOf(String priceId) {
		return PAID_PLANS.stream().filter((plan) -> priceOf(plan).filter(priceId::equals).isPresent()).findFirst();
	}

}
