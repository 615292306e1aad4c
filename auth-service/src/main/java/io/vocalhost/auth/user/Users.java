package io.vocalhost.auth.user;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.common.events.user.UserRegistered;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Users by their Google subject; the first sign-in registers them. */
@Service
public class Users {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Users(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Finds the user of this provider subject, refreshing name and email, or creates them
	 * and publishes {@code user-registered} in the same transaction.
	 */
	@Transactional
	public User signIn(String subject, String name, String email) {
		SignedIn signedIn = this.jdbc.sql("""
				INSERT INTO app_user (google_subject, name, email, created_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (google_subject) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
				RETURNING id, name, email, stripe_customer_id, (xmax = 0) AS inserted
				""")
			.params(subject, name, email, this.clock.instant().atOffset(ZoneOffset.UTC))
			.query((row,
					number) -> new SignedIn(new User(row.getLong("id"), row.getString("name"), row.getString("email"),
							row.getString("stripe_customer_id")), row.getBoolean("inserted")))
			.single();
		if (signedIn.inserted()) {
			User user = signedIn.user();
			this.events.publishEvent(
					new UserRegistered(UUID.randomUUID(), this.clock.instant(), user.id(), user.name(), user.email()));
		}
		return signedIn.user();
	}

	/** Billing created the user's Stripe customer; {@code /api/auth/user/me} shows it. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordStripeCustomer(long id, String stripeCustomerId) {
		this.jdbc.sql("UPDATE app_user SET stripe_customer_id = ? WHERE id = ?").params(stripeCustomerId, id).update();
	}

	@Transactional(readOnly = true)
	public Optional<User> find(long id) {
		return this.jdbc.sql("SELECT id, name, email, stripe_customer_id FROM app_user WHERE id = ?")
			.param(id)
			.query(User.class)
			.optional();
	}

	private record SignedIn(User user, boolean inserted) {
	}

}
