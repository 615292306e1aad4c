package io.vocalhost.billing.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import io.vocalhost.billing.system.BillingProperties;
import io.vocalhost.billing.system.StripeAccess;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.events.billing.CustomerCreated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Stripe customer of every user. A registered user gets a pending row at once; the
 * customer is then created at Stripe with an Idempotency-Key derived from the user id, so
 * that a retry after a timeout or a redelivered event never makes a second one, and tried
 * again with backoff while Stripe fails. The created id and its {@code customer-created}
 * event commit together.
 */
@Service
public class Customers {

	private static final Logger logger = LoggerFactory.getLogger(Customers.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final StripeAccess stripe;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final BillingProperties properties;

	private final Clock clock;

	Customers(JdbcClient jdbc, StripeAccess stripe, ApplicationEventPublisher events, TransactionTemplate transactions,
			BillingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.events = events;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A new user: their customer is to be created (once, however often this is called).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void register(long userId, String name, String email) {
		this.jdbc.sql("""
				INSERT INTO billing_customer (user_id, name, email, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (user_id) DO NOTHING
				""").params(userId, name, email, now(), now()).update();
	}

	@Transactional(readOnly = true)
	public Optional<String> customerOf(long userId) {
		return this.jdbc
			.sql("SELECT stripe_customer_id FROM billing_customer WHERE user_id = ? AND stripe_customer_id IS NOT NULL")
			.param(userId)
			.query(String.class)
			.optional();
	}

	/** The user of a Stripe customer, locked until the caller's transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Long> lockUserOf(String stripeCustomerId) {
		return this.jdbc.sql("SELECT user_id FROM billing_customer WHERE stripe_customer_id = ? FOR UPDATE")
			.param(stripeCustomerId)
			.query(Long.class)
			.optional();
	}

	/**
	 * The user's Stripe customer, created now if it is still pending.
	 * @throws ApiException 409 when billing has not heard of the user yet, 503 when
	 * Stripe fails (the creation stays scheduled)
	 */
	public String require(long userId) {
		this.stripe.client();
		String id = this.transactions.execute((status) -> this.jdbc
			.sql("SELECT user_id, name, email, stripe_customer_id FROM billing_customer WHERE user_id = ? FOR UPDATE")
			.param(userId)
			.query(Pending.class)
			.optional()
			.map((customer) -> (customer.stripeCustomerId() != null) ? customer.stripeCustomerId() : create(customer))
			.orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "No billing customer yet",
					"Your billing account is still being set up; try again in a few seconds")));
		if (id == null) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Stripe unavailable",
					"Your billing account could not be set up at Stripe yet; try again shortly");
		}
		return id;
	}

	/**
	 * Creates the pending customers that are due, each in its own transaction; rows
	 * another instance is working on are skipped.
	 * @return how many were attempted
	 */
	public int createDue() {
		if (!this.stripe.configured()) {
			return 0;
		}
		int attempted = 0;
		while (Boolean.TRUE.equals(this.transactions.execute((status) -> this.jdbc.sql("""
				SELECT user_id, name, email, stripe_customer_id FROM billing_customer
				WHERE stripe_customer_id IS NULL AND next_attempt_at <= ?
				ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
				""").param(now()).query(Pending.class).optional().map((customer) -> {
			create(customer);
			return true;
		}).orElse(false)))) {
			attempted++;
		}
		return attempted;
	}

	/**
	 * @return the customer id, or {@code null} when Stripe failed (recorded for a retry)
	 */
	private String create(Pending customer) {
		CustomerCreateParams params = CustomerCreateParams.builder()
			.setName(customer.name())
			.setEmail(customer.email())
			.putMetadata("user_id", String.valueOf(customer.userId()))
			.build();
		RequestOptions options = RequestOptions.builder()
			.setIdempotencyKey("vocalhost-customer-" + customer.userId())
			.build();
		try {
			Customer created = this.stripe.client().v1().customers().create(params, options);
			this.jdbc.sql("UPDATE billing_customer SET stripe_customer_id = ?, last_error = NULL WHERE user_id = ?")
				.params(created.getId(), customer.userId())
				.update();
			this.events.publishEvent(
					new CustomerCreated(UUID.randomUUID(), this.clock.instant(), customer.userId(), created.getId()));
			return created.getId();
		}
		catch (StripeException ex) {
			logger.warn("Creating the Stripe customer of user {} failed, will retry: {}", customer.userId(),
					ex.getMessage());
			this.jdbc.sql("""
					UPDATE billing_customer SET attempts = attempts + 1, last_error = ?,
						next_attempt_at = ? + LEAST(? * POWER(2, attempts), ?) * INTERVAL '1 millisecond'
					WHERE user_id = ?
					""")
				.params(ex.getMessage(), now(), this.properties.customerRetryInterval().toMillis(),
						MAX_BACKOFF.toMillis(), customer.userId())
				.update();
			return null;
		}
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

	private record Pending(long userId, String name, String email, String stripeCustomerId) {
	}

}
