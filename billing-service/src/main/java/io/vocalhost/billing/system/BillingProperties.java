package io.vocalhost.billing.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * @param frontendUrl the frontend's origin, where Checkout and the portal send the user
 * back
 * @param customerRetryInterval the first wait before a failed Stripe customer creation is
 * tried again; it doubles with each failure, up to ten minutes
 * @param stripe the Stripe account
 */
@ConfigurationProperties("vocalhost.billing")
public record BillingProperties(@DefaultValue("http://localhost:5173") URI frontendUrl,
		@DefaultValue("2s") Duration customerRetryInterval, @DefaultValue Stripe stripe) {

	/** {@code frontendUrl} followed by {@code path}, without a doubled slash. */
	public String frontend(String path) {
		String base = this.frontendUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/**
	 * @param secretKey the API key; without one billing is not configured
	 * @param webhookSecrets the webhook signing secrets, all accepted (for rotation)
	 * @param apiBase another base URL for Stripe's API (tests, egress proxies)
	 * @param priceBasic the price of the basic plan
	 * @param pricePro the price of the pro plan
	 * @param meterEventName the meter event that call minutes are reported as, if any
	 */
	public record Stripe(String secretKey, @DefaultValue List<String> webhookSecrets, String apiBase, String priceBasic,
			String pricePro, String meterEventName) {

		public boolean configured() {
			return StringUtils.hasText(this.secretKey);
		}

		public List<String> signingSecrets() {
			return this.webhookSecrets.stream().map(String::trim).filter(StringUtils::hasText).toList();
		}

		public boolean reportsUsage() {
			return StringUtils.hasText(this.meterEventName);
		}

	}

}
