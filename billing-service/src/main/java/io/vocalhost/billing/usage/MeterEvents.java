package io.vocalhost.billing.usage;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.stripe.exception.StripeException;
import com.stripe.param.billing.MeterEventCreateParams;
import io.vocalhost.billing.system.BillingProperties;
import io.vocalhost.billing.system.StripeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports each completed call's minutes to Stripe as a meter event when
 * {@code STRIPE_METER_EVENT_NAME} is set. The call id is the event's identifier, so
 * Stripe counts a call once however often a failed round is retried. Calls of users
 * without a Stripe customer yet wait for it.
 */
@Component
class MeterEvents {

	private static final Logger logger = LoggerFactory.getLogger(MeterEvents.class);

	private final JdbcClient jdbc;

	private final StripeAccess stripe;

	private final BillingProperties.Stripe settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MeterEvents(JdbcClient jdbc, StripeAccess stripe, BillingProperties properties, TransactionTemplate transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.stripe = stripe;
		this.settings = properties.stripe();
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${vocalhost.billing.meter-round:10s}")
	void report() {
		if (!this.stripe.configured() || !this.settings.reportsUsage()) {
			return;
		}
		while (Boolean.TRUE.equals(this.transactions.execute((status) -> this.jdbc.sql("""
				SELECT u.call_id, u.ended_at, u.minutes, c.stripe_customer_id
				FROM call_usage u JOIN billing_customer c ON c.user_id = u.user_id
				WHERE u.reported_at IS NULL AND c.stripe_customer_id IS NOT NULL
				ORDER BY u.ended_at LIMIT 1 FOR UPDATE OF u SKIP LOCKED
				""")
			.query((row, number) -> new Unreported(row.getObject("call_id", UUID.class),
					row.getObject("ended_at", OffsetDateTime.class), row.getInt("minutes"),
					row.getString("stripe_customer_id")))
			.optional()
			.map(this::send)
			.orElse(false)))) {
			// One call per transaction: a Stripe failure leaves the rest for the next
			// round.
		}
	}

	private boolean send(Unreported call) {
		MeterEventCreateParams params = MeterEventCreateParams.builder()
			.setEventName(this.settings.meterEventName())
			.setIdentifier(call.callId().toString())
			.setTimestamp(call.endedAt().toEpochSecond())
			.putPayload("stripe_customer_id", call.customer())
			.putPayload("value", String.valueOf(call.minutes()))
			.build();
		try {
			this.stripe.client().v1().billing().meterEvents().create(params);
		}
		catch (StripeException ex) {
			logger.warn("Reporting call {} to Stripe failed, will retry: {}", call.callId(), ex.getMessage());
			return false;
		}
		this.jdbc.sql("UPDATE call_usage SET reported_at = ? WHERE call_id = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), call.callId())
			.update();
		return true;
	}

	private record Unreported(UUID callId, OffsetDateTime endedAt, int minutes, String customer) {
	}

}
