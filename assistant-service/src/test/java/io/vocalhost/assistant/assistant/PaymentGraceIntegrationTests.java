package io.vocalhost.assistant.assistant;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment grace policy with billing events on the real Kafka: a failed payment leaves
 * the assistants running until the grace period is over, a paid subscription reactivates
 * them, a canceled one stops them at once, and a late, older event changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vocalhost.plan-policy.grace-period=5s", "vocalhost.plan-policy.check-interval=200ms" })
@RealInfrastructure
class PaymentGraceIntegrationTests {

	private static final AtomicLong users = new AtomicLong(Instant.now().toEpochMilli() % 1_000_000 * 1000);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFailedPaymentSuspendsOnlyAfterTheGracePeriodAndPaymentReactivates() {
		long owner = users.incrementAndGet();
		long assistant = register(owner);
		Instant start = Instant.now();
		publish(new SubscriptionChanged(UUID.randomUUID(), start, owner, "sub_g", "basic", "active",
				start.plusSeconds(86400)));
		await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(column(owner, "status")));

		publish(new PaymentFailed(UUID.randomUUID(), Instant.now(), owner, "sub_g", "in_g", 2900, "usd", 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> "past_due".equals(column(owner, "status")));
		assertThat(statusOf(owner, assistant)).as("running while Stripe retries").isEqualTo("active");

		await().atMost(Duration.ofSeconds(30)).until(() -> "suspended".equals(statusOf(owner, assistant)));

		publish(new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_g", "basic", "active",
				start.plusSeconds(86400)));
		await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(statusOf(owner, assistant)));

		// An older failure delivered late is not the current state.
		publish(new PaymentFailed(UUID.randomUUID(), start.plusSeconds(1), owner, "sub_g", "in_old", 2900, "usd", 1));
		publish(new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_g", "pro", "active",
				start.plusSeconds(86400)));
		await().atMost(Duration.ofSeconds(30)).until(() -> "pro".equals(column(owner, "plan")));
		assertThat(column(owner, "status")).isEqualTo("active");
		assertThat(statusOf(owner, assistant)).isEqualTo("active");
	}

	@Test
	void aCanceledSubscriptionSuspendsAtOnce() {
		long owner = users.incrementAndGet();
		long assistant = register(owner);
		publish(new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_c", "basic", "canceled",
				Instant.now()));
		await().atMost(Duration.ofSeconds(30)).until(() -> "suspended".equals(statusOf(owner, assistant)));
	}

	private long register(long owner) {
		Multipart form = Multipart.of(Multipart.originalRegistration());
		return TestHttp.body(TestHttp.at(this.port)
			.asUser(owner)
			.send("POST", "/api/register", HttpRequest.BodyPublishers.ofByteArray(form.bytes()), form.contentType()))
			.path("assistant_id")
			.asLong();
	}

	private String statusOf(long owner, long assistant) {
		return TestHttp.body(TestHttp.at(this.port).asUser(owner).get("/api/assistant/" + assistant))
			.path("status")
			.asString();
	}

	private String column(long owner, String column) {
		return this.jdbc.sql("SELECT " + column + " FROM plan_state WHERE owner_id = ?")
			.param(owner)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static void publish(Object event) {
		KafkaEvents.publish(Topics.BILLING_EVENTS, "key", event, EventCatalog.kafkaTypeMappings());
	}

}
