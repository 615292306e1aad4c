package io.vocalhost.billing.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.vocalhost.billing.system.StripeAccess;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.web.ErrorResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook. The SDK verifies the signature on the raw body against every
 * configured secret (300 s tolerance) before anything is read from it; the event is then
 * applied in one transaction and answered at once.
 */
@RestController
class StripeWebhookController {

	private final StripeAccess stripe;

	private final StripeEvents events;

	private final Clock clock;

	private final MeterRegistry meters;

	StripeWebhookController(StripeAccess stripe, StripeEvents events, Clock clock, MeterRegistry meters) {
		this.stripe = stripe;
		this.events = events;
		this.clock = clock;
		this.meters = meters;
	}

	@PostMapping("/stripe/webhook")
	@ErrorResponse(status = 503, description = "Billing is not configured")
	Map<String, Object> webhook(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature) {
		Event event;
		try {
			event = verified((body != null) ? new String(body, StandardCharsets.UTF_8) : "", signature);
		}
		catch (ApiException ex) {
			count("unknown", "invalid_signature");
			throw ex;
		}
		this.events.apply(event);
		count(event.getType(), "received");
		return Map.of("received", true);
	}

	/** Webhook deliveries by event type and outcome, for the dashboard and the alert. */
	private void count(String type, String outcome) {
		this.meters.counter("vocalhost.billing.webhook.events", "type", type, "outcome", outcome).increment();
	}

	private Event verified(String payload, String signature) {
		if (signature == null || signature.isBlank()) {
			throw invalid("The Stripe-Signature header is missing");
		}
		for (String secret : this.stripe.signingSecrets()) {
			try {
				Webhook.Signature.verifyHeader(payload, signature, secret, Webhook.DEFAULT_TOLERANCE, this.clock);
			}
			catch (SignatureVerificationException ex) {
				// The next secret may be the one (rotation).
				continue;
			}
			try {
				return Webhook.constructEvent(payload, signature, secret, Webhook.DEFAULT_TOLERANCE, this.clock);
			}
			catch (SignatureVerificationException | RuntimeException ex) {
				// Signed, but not an event the SDK can read (the SDK's JSON parser fails
				// unchecked).
				throw invalid("The body is not a Stripe event");
			}
		}
		throw invalid("No valid signature for this body within the tolerance");
	}

	private static ApiException invalid(String details) {
		return new ApiException(HttpStatus.BAD_REQUEST, "Invalid webhook", details);
	}

}
