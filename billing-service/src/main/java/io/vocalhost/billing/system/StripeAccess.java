package io.vocalhost.billing.system;

import java.util.List;
import java.util.Optional;

import com.stripe.StripeClient;
import io.vocalhost.common.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The Stripe client, when a secret key is configured. Without one billing runs on: it
 * says so once at start-up, its Stripe endpoints answer 503 and everyone is on the free
 * plan.
 */
@Component
public class StripeAccess {

	private static final Logger logger = LoggerFactory.getLogger(StripeAccess.class);

	private static final String NOT_CONFIGURED = "Billing is not configured";

	private final Optional<StripeClient> client;

	private final BillingProperties.Stripe settings;

	StripeAccess(BillingProperties properties) {
		this.settings = properties.stripe();
		this.client = this.settings.configured() ? Optional.of(build(this.settings)) : Optional.empty();
		if (this.client.isEmpty()) {
			logger.warn("Stripe is not configured (STRIPE_SECRET_KEY is not set): checkout, portal and webhook "
					+ "answer 503 and everyone is on the free plan");
		}
		else if (this.settings.signingSecrets().isEmpty()) {
			logger.warn("STRIPE_WEBHOOK_SECRET is not set: the Stripe webhook answers 503");
		}
	}

	private static StripeClient build(BillingProperties.Stripe settings) {
		StripeClient.StripeClientBuilder builder = StripeClient.builder()
			.setApiKey(settings.secretKey())
			.setConnectTimeout(5_000)
			.setReadTimeout(15_000)
			.setMaxNetworkRetries(2);
		if (StringUtils.hasText(settings.apiBase())) {
			builder.setApiBase(settings.apiBase());
		}
		return builder.build();
	}

	public boolean configured() {
		return this.client.isPresent();
	}

	/**
	 * @throws ApiException 503 when no secret key is configured
	 */
	public StripeClient client() {
		return this.client.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NOT_CONFIGURED,
				"Stripe is not set up on this server (STRIPE_SECRET_KEY)"));
	}

	/**
	 * @throws ApiException 503 when no webhook secret (or no secret key) is configured
	 */
	public List<String> signingSecrets() {
		client();
		if (this.settings.signingSecrets().isEmpty()) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, NOT_CONFIGURED,
					"No webhook signing secret is set up on this server (STRIPE_WEBHOOK_SECRET)");
		}
		return this.settings.signingSecrets();
	}

}
