package io.vocalhost.billing.webhook;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import io.vocalhost.billing.customer.Customers;
import io.vocalhost.billing.subscription.PlanPrices;
import io.vocalhost.billing.subscription.SubscriptionState;
import io.vocalhost.billing.subscription.Subscriptions;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.messaging.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies verified Stripe events, each event id once: a redelivery changes nothing. Each
 * change carries the event's creation time, so an older event arriving late never moves a
 * subscription backwards. Events of customers we do not know and types we do not handle
 * are acknowledged and ignored.
 */
@Service
class StripeEvents {

	static final String SOURCE = "stripe";

	private static final Logger logger = LoggerFactory.getLogger(StripeEvents.class);

	private final ProcessedEvents processedEvents;

	private final Customers customers;

	private final Subscriptions subscriptions;

	private final PlanPrices prices;

	StripeEvents(ProcessedEvents processedEvents, Customers customers, Subscriptions subscriptions, PlanPrices prices) {
		this.processedEvents = processedEvents;
		this.customers = customers;
		this.subscriptions = subscriptions;
		this.prices = prices;
	}

	@Transactional
	public void apply(Event event) {
		if (!this.processedEvents.markProcessed(SOURCE, event.getId())) {
			return;
		}
		Instant at = Instant.ofEpochSecond(event.getCreated());
		switch (event.getType()) {
			case "checkout.session.completed" -> checkoutCompleted(object(event, Session.class), at);
			case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
				subscriptionChanged(object(event, Subscription.class), at);
			case "invoice.paid" -> invoicePaid(object(event, Invoice.class), at);
			case "invoice.payment_failed" -> paymentFailed(object(event, Invoice.class), at);
			default -> logger.debug("Ignored Stripe event {} of type {}", event.getId(), event.getType());
		}
	}

	private void checkoutCompleted(Session session, Instant at) {
		if (!"subscription".equals(session.getMode()) || session.getSubscription() == null) {
			return;
		}
		Optional<String> plan = Optional.ofNullable(session.getMetadata()).map((metadata) -> metadata.get("plan_id"));
		userOf(session.getCustomer()).ifPresent((user) -> {
			if (plan.isEmpty()) {
				logger.warn("Checkout session {} carries no plan_id; waiting for its subscription events",
						session.getId());
				return;
			}
			boolean paid = !"unpaid".equals(session.getPaymentStatus());
			SubscriptionState known = this.subscriptions.of(user)
				.filter((current) -> current.subscriptionId().equals(session.getSubscription()))
				.orElse(null);
			this.subscriptions.apply(new SubscriptionState(user, session.getSubscription(), plan.get(),
					paid ? "active" : "incomplete", (known != null) ? known.currentPeriodStart() : null,
					(known != null) ? known.currentPeriodEnd() : null, known != null && known.cancelAtPeriodEnd(), at));
		});
	}

	private void subscriptionChanged(Subscription subscription, Instant at) {
		userOf(subscription.getCustomer()).ifPresent((user) -> {
			SubscriptionItem item = (subscription.getItems() != null && !subscription.getItems().getData().isEmpty())
					? subscription.getItems().getData().get(0) : null;
			String plan = Optional.ofNullable(item)
				.map(SubscriptionItem::getPrice)
				.flatMap((price) -> this.prices.planOf(price.getId()))
				.or(() -> Optional.ofNullable(subscription.getMetadata()).map((metadata) -> metadata.get("plan_id")))
				.orElse(null);
			if (plan == null) {
				logger.warn("Subscription {} of user {} is for none of our prices; ignored", subscription.getId(),
						user);
				return;
			}
			this.subscriptions.apply(new SubscriptionState(user, subscription.getId(), plan, subscription.getStatus(),
					epoch((item != null) ? item.getCurrentPeriodStart() : null),
					epoch((item != null) ? item.getCurrentPeriodEnd() : null),
					Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), at));
		});
	}

	private void invoicePaid(Invoice invoice, Instant at) {
		String subscription = subscriptionOf(invoice);
		if (subscription != null) {
			userOf(invoice.getCustomer()).ifPresent((user) -> this.subscriptions.paid(user, subscription, at));
		}
	}

	private void paymentFailed(Invoice invoice, Instant at) {
		userOf(invoice.getCustomer()).ifPresent((user) -> this.subscriptions
			.paymentFailed(new PaymentFailed(UUID.randomUUID(), at, user, subscriptionOf(invoice), invoice.getId(),
					orZero(invoice.getAmountDue()), invoice.getCurrency(), (int) orZero(invoice.getAttemptCount()))));
	}

	/** The user of a Stripe customer, locked for this transaction; empty when unknown. */
	private Optional<Long> userOf(String stripeCustomerId) {
		Optional<Long> user = (stripeCustomerId != null) ? this.customers.lockUserOf(stripeCustomerId)
				: Optional.empty();
		if (user.isEmpty()) {
			logger.info("Stripe event for customer {}, who is none of ours; ignored", stripeCustomerId);
		}
		return user;
	}

	private static String subscriptionOf(Invoice invoice) {
		return (invoice.getParent() != null && invoice.getParent().getSubscriptionDetails() != null)
				? invoice.getParent().getSubscriptionDetails().getSubscription() : null;
	}

	/**
	 * The event's object; an event of another API version than the SDK's is read as far
	 * as it matches.
	 */
	private static <T extends StripeObject> T object(Event event, Class<T> type) {
		EventDataObjectDeserializer data = event.getDataObjectDeserializer();
		try {
			StripeObject object = data.getObject().isPresent() ? data.getObject().get() : data.deserializeUnsafe();
			if (type.isInstance(object)) {
				return type.cast(object);
			}
		}
		catch (EventDataObjectDeserializationException ex) {
			logger.warn("Stripe event {} could not be read: {}", event.getId(), ex.getMessage());
		}
		throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid webhook",
				"The " + event.getType() + " event does not carry a " + type.getSimpleName());
	}

	private static Instant epoch(Long seconds) {
		return (seconds != null) ? Instant.ofEpochSecond(seconds) : null;
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0;
	}

}
