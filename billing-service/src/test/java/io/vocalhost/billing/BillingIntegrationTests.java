package io.vocalhost.billing;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.call.CallCompleted;
import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.common.events.user.UserRegistered;
import io.vocalhost.testsupport.AtOnce;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.SharedInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TopicWatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.vocalhost.billing.StripeWebhooks.OLD_SECRET;
import static io.vocalhost.billing.StripeWebhooks.SECRET;
import static io.vocalhost.billing.StripeWebhooks.sign;
import static io.vocalhost.testsupport.TestHttp.assertError;
import static io.vocalhost.testsupport.TestHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Billing on the real PostgreSQL and Kafka with Stripe stood in for at its REST API and
 * webhooks signed by the SDK: a customer per user (once, retried through an outage),
 * checkout and portal in the original shapes, the signature matrix, each event type's
 * effect on plan state and on Kafka, duplicates, reordering, and usage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vocalhost.billing.stripe.secret-key=sk_test_standin",
				"vocalhost.billing.stripe.webhook-secrets=" + OLD_SECRET + "," + SECRET,
				"vocalhost.billing.stripe.price-basic=" + StripeStandIn.PRICE_BASIC,
				"vocalhost.billing.stripe.price-pro=" + StripeStandIn.PRICE_PRO,
				"vocalhost.billing.stripe.meter-event-name=call_minutes",
				"vocalhost.billing.customer-retry-interval=200ms", "vocalhost.billing.customer-round=200ms",
				"vocalhost.billing.meter-round=200ms" })
@RealInfrastructure
class BillingIntegrationTests {

	private static final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1_000_000) * 1000);

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private TopicWatcher billingEvents;

	@DynamicPropertySource
	static void stripe(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.billing.stripe.api-base", StripeStandIn::apiBase);
	}

	@BeforeEach
	void watch() {
		StripeStandIn.stripeIsUp();
		this.billingEvents = TopicWatcher.on(Topics.BILLING_EVENTS);
	}

	@AfterEach
	void close() {
		SharedInfrastructure.kafka().start();
		this.billingEvents.close();
	}

	@Test
	void aRegisteredUserGetsOneStripeCustomerEvenWhenTheEventComesTwice() {
		long user = ids.incrementAndGet();
		UserRegistered registered = new UserRegistered(UUID.randomUUID(), Instant.now(), user, "Ann Lee",
				"ann@example.com");
		publishUserEvent(registered);
		publishUserEvent(registered);

		String customer = awaitCustomer(user);
		assertThat(customer).isEqualTo("cus_vocalhost-customer-" + user);
		ConsumerRecord<String, String> created = this.billingEvents.awaitKeyed(String.valueOf(user), 1).get(0);
		assertThat(TopicWatcher.type(created)).isEqualTo("customer-created");
		assertThat(parse(created.value()).path("stripeCustomerId").asString()).isEqualTo(customer);
		List<LoggedRequest> requests = customerRequestsOf(user);
		assertThat(requests).hasSize(1);
		assertThat(form(requests.get(0))).contains("email=ann@example.com", "name=Ann Lee",
				"metadata[user_id]=" + user);
	}

	@Test
	void stripeDownDuringCustomerCreationIsRetriedUntilItSucceedsWithOneCustomer() {
		StripeStandIn.stripeIsDown();
		long user = ids.incrementAndGet();
		publishUserEvent(new UserRegistered(UUID.randomUUID(), Instant.now(), user, "Bo", "bo@example.com"));
		await().atMost(Duration.ofSeconds(60)).until(() -> attemptsOf(user) >= 2);
		assertThat(customerOf(user)).isNull();

		StripeStandIn.stripeIsUp();
		assertThat(awaitCustomer(user)).isEqualTo("cus_vocalhost-customer-" + user);
		assertThat(this.billingEvents.awaitKeyed(String.valueOf(user), 1)).extracting(TopicWatcher::type)
			.containsExactly("customer-created");
		// Every attempt, the failed ones included, carried the same key: Stripe makes one
		// customer of them.
		assertThat(customerRequestsOf(user)).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key"))
				.isEqualTo("vocalhost-customer-" + user));
	}

	@Test
	void checkoutCreatesASubscriptionSessionForTheUsersCustomerAndPlanPrice() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		HttpResponse<String> response = http(user).json("POST", "/stripe/create-checkout-session",
				"{\"plan_id\": \"basic\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode session = body(response);
		assertThat(session.path("id").asString()).startsWith("cs_test_");
		assertThat(session.path("url").asString()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test");
		assertThat(session.path("status").asString()).isEqualTo("created");
		String form = form(StripeStandIn.requestsTo("/v1/checkout/sessions").get(0));
		assertThat(form).contains("mode=subscription", "customer=" + customer,
				"line_items[0][price]=" + StripeStandIn.PRICE_BASIC, "line_items[0][quantity]=1",
				"success_url=http://localhost:5173/dashboard?session_id={CHECKOUT_SESSION_ID}",
				"cancel_url=http://localhost:5173/plans", "metadata[plan_id]=basic");

		HttpResponse<String> portal = http(user).json("POST", "/stripe/create-customer-portal-session", "{}");
		assertThat(portal.statusCode()).as(portal.body()).isEqualTo(200);
		assertThat(body(portal).path("url").asString()).isEqualTo("https://billing.stripe.com/p/session/test");
		assertThat(form(StripeStandIn.requestsTo("/v1/billing_portal/sessions").get(0)))
			.contains("customer=" + customer, "return_url=http://localhost:5173/dashboard");
		assertThat(http(user).json("POST", "/stripe/create-customer-portal-session", null).statusCode()).isEqualTo(200);
	}

	@Test
	void checkoutRefusesBadBodiesStrangersAndAPlanAlreadyHad() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		for (String bad : List.of("{\"plan_id\": \"Basic\"}", "{\"plan_id\": \" basic\"}", "{\"plan_id\": \"gold\"}",
				"{\"plan_id\": 5}", "{\"plan_id\": \"basic\", \"coupon\": \"FREE\"}", "{}", "[\"basic\"]",
				"{\"plan_id\": ")) {
			assertThat(http(user).json("POST", "/stripe/create-checkout-session", bad).statusCode()).as(bad)
				.isEqualTo(400);
		}
		assertError(http(user).json("POST", "/stripe/create-checkout-session", "{\"plan_id\": \"gold\"}"), 400,
				"Invalid request");
		assertThat(TestHttp.at(this.port)
			.json("POST", "/stripe/create-checkout-session", "{\"plan_id\": \"basic\"}")
			.statusCode()).isEqualTo(401);
		assertThat(StripeStandIn.requestsTo("/v1/checkout/sessions")).isEmpty();

		deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", Instant.now(),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_BASIC, "active", 0, 0)));
		JsonNode conflict = assertError(
				http(user).json("POST", "/stripe/create-checkout-session", "{\"plan_id\": \"basic\"}"), 409,
				"Already subscribed");
		assertThat(conflict.path("details").asString()).contains("customer portal");
	}

	@Test
	void stripesOwnRefusalIsA400WithItsMessage() {
		long user = ids.incrementAndGet();
		customerFor(user);
		StripeStandIn.refuseCheckouts("No such price: 'price_pro_test'");
		JsonNode error = assertError(
				http(user).json("POST", "/stripe/create-checkout-session", "{\"plan_id\": \"pro\"}"), 400,
				"Stripe error");
		assertThat(error.path("details").asString()).isEqualTo("No such price: 'price_pro_test'");
	}

	@Test
	void stripeUnreachableDuringCheckoutIs503() {
		long user = ids.incrementAndGet();
		customerFor(user);
		StripeStandIn.stripeIsDown();
		assertError(http(user).json("POST", "/stripe/create-checkout-session", "{\"plan_id\": \"pro\"}"), 503,
				"Stripe unavailable");
		assertError(http(user).json("POST", "/stripe/create-customer-portal-session", null), 503, "Stripe unavailable");
	}

	@Test
	void aPortalWithoutACustomerIs409() {
		assertError(http(ids.incrementAndGet()).json("POST", "/stripe/create-customer-portal-session", "{}"), 409,
				"No billing customer yet");
	}

	@Test
	void theWebhookAcceptsOnlyBodiesSignedWithAConfiguredSecretWithinTheTolerance() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		String eventId = "evt_" + UUID.randomUUID();
		String payload = event(eventId, "customer.subscription.created", Instant.now(),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_BASIC, "active", 0, 0));
		long now = Instant.now().getEpochSecond();

		assertError(webhook(payload, null), 400, "Invalid webhook");
		assertError(webhook(payload, sign(payload, "whsec_someone_else")), 400, "Invalid webhook");
		assertError(webhook(payload, sign(payload, SECRET, now - 301)), 400, "Invalid webhook");
		assertError(webhook(payload.replace("active", "trialing"), sign(payload, SECRET)), 400, "Invalid webhook");
		assertError(webhook(payload.substring(0, payload.length() - 10), sign(payload, SECRET)), 400,
				"Invalid webhook");
		assertError(webhook("not json", sign("not json", SECRET)), 400, "Invalid webhook");
		assertThat(processed(eventId)).isZero();
		assertThat(planOf(user)).isNull();

		// During a rotation Stripe signs with both secrets; either one verifies.
		String wrong = sign(payload, "whsec_someone_else", now).split(",")[1];
		String right = sign(payload, SECRET, now).split(",")[1];
		assertThat(webhook(payload, "t=" + now + "," + wrong + "," + right).statusCode()).isEqualTo(200);
		assertThat(processed(eventId)).isOne();
		String other = event("evt_" + UUID.randomUUID(), "customer.subscription.updated", Instant.now(),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_PRO, "active", 0, 0));
		assertThat(webhook(other, sign(other, OLD_SECRET)).statusCode()).isEqualTo(200);
		assertThat(planOf(user)).isEqualTo("pro");
	}

	@Test
	void checkoutThenSubscriptionMakeTheUserBasicOnceAndARedeliveryChangesNothing() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		this.billingEvents.awaitKeyed(String.valueOf(user), 1);
		Instant periodEnd = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Instant created = Instant.now();
		String completed = event("evt_" + UUID.randomUUID(), "checkout.session.completed", created,
				StripeWebhooks.checkoutSession(customer, "sub_" + user, "basic"));
		String subscription = event("evt_" + UUID.randomUUID(), "customer.subscription.created", created,
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_BASIC, "active",
						created.getEpochSecond(), periodEnd.getEpochSecond()));
		deliver(completed);
		deliver(subscription);

		JsonNode state = body(http(user).get("/api/billing/subscription"));
		assertThat(state.path("plan").asString()).isEqualTo("basic");
		assertThat(state.path("status").asString()).isEqualTo("active");
		assertThat(Instant.parse(state.path("current_period_end").asString())).isEqualTo(periodEnd);
		assertThat(state.path("cancel_at_period_end").asBoolean()).isFalse();
		assertThat(state.path("limits").path("assistants").asInt()).isEqualTo(3);
		assertThat(state.path("limits").path("concurrent_calls").asInt()).isEqualTo(3);
		assertThat(state.path("limits").path("call_minutes").asInt()).isEqualTo(500);

		List<ConsumerRecord<String, String>> records = this.billingEvents.awaitKeyed(String.valueOf(user), 3);
		assertThat(records).extracting(TopicWatcher::type)
			.containsExactly("customer-created", "subscription-changed", "subscription-changed");
		JsonNode changed = parse(records.get(2).value());
		assertThat(changed.path("userId").asLong()).isEqualTo(user);
		assertThat(changed.path("subscriptionId").asString()).isEqualTo("sub_" + user);
		assertThat(changed.path("plan").asString()).isEqualTo("basic");
		assertThat(changed.path("status").asString()).isEqualTo("active");
		assertThat(Instant.parse(changed.path("currentPeriodEnd").asString())).isEqualTo(periodEnd);

		deliver(subscription);
		deliver(completed);
		// A later change of the same user arrives after anything the redeliveries
		// published.
		deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.updated", created.plusSeconds(5),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_BASIC, "past_due",
						created.getEpochSecond(), periodEnd.getEpochSecond())));
		List<ConsumerRecord<String, String>> after = this.billingEvents.awaitKeyed(String.valueOf(user), 4);
		assertThat(parse(after.get(3).value()).path("status").asString()).isEqualTo("past_due");
	}

	@Test
	void theSameEventDeliveredFiveTimesAtOnceHasOneEffect() throws Exception {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		Instant at = Instant.now();
		deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", at,
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_PRO, "active", 0, 0)));
		String failure = event("evt_" + UUID.randomUUID(), "invoice.payment_failed", at.plusSeconds(1),
				StripeWebhooks.invoice("in_" + user, customer, "sub_" + user, 1));
		List<Integer> statuses = AtOnce.run(5, (attempt) -> webhook(failure, sign(failure, SECRET)).statusCode());
		assertThat(statuses).containsOnly(200);

		// A later change of the same user arrives after anything the deliveries
		// published.
		deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.deleted", at.plusSeconds(5),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_PRO, "canceled", 0, 0)));
		List<ConsumerRecord<String, String>> records = this.billingEvents.awaitKeyed(String.valueOf(user), 5);
		for (int count = 6; records.stream().noneMatch((record) -> record.value().contains("\"canceled\"")); count++) {
			records = this.billingEvents.awaitKeyed(String.valueOf(user), count);
		}
		assertThat(records).extracting(TopicWatcher::type)
			.containsExactlyInAnyOrder("customer-created", "subscription-changed", "payment-failed",
					"subscription-changed", "subscription-changed");
		JsonNode state = body(http(user).get("/api/billing/subscription"));
		assertThat(state.path("plan").asString()).isEqualTo("free");
		assertThat(state.path("status").asString()).isEqualTo("canceled");
	}

	@Test
	void anUpdateArrivingBeforeItsCreationLeavesTheNewerState() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		Instant created = Instant.now();
		String older = event("evt_" + UUID.randomUUID(), "customer.subscription.created", created,
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_BASIC, "incomplete", 0, 0));
		String newer = event("evt_" + UUID.randomUUID(), "customer.subscription.updated", created.plusSeconds(10),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_PRO, "active", 0, 0));
		deliver(newer);
		deliver(older);

		JsonNode state = body(http(user).get("/api/billing/subscription"));
		assertThat(state.path("plan").asString()).isEqualTo("pro");
		assertThat(state.path("status").asString()).isEqualTo("active");
	}

	@Test
	void aFailedPaymentIsPublishedAndAPaidInvoiceMakesTheSubscriptionActiveAgain() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		Instant at = Instant.now();
		deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", at,
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_BASIC, "active", 0, 0)));
		deliver(event("evt_" + UUID.randomUUID(), "invoice.payment_failed", at.plusSeconds(1),
				StripeWebhooks.invoice("in_" + user, customer, "sub_" + user, 1)));
		JsonNode pastDue = body(http(user).get("/api/billing/subscription"));
		assertThat(pastDue.path("status").asString()).isEqualTo("past_due");
		assertThat(pastDue.path("plan").asString()).as("usable while Stripe retries").isEqualTo("basic");

		deliver(event("evt_" + UUID.randomUUID(), "invoice.paid", at.plusSeconds(2),
				StripeWebhooks.invoice("in_" + user, customer, "sub_" + user, 2)));
		assertThat(body(http(user).get("/api/billing/subscription")).path("status").asString()).isEqualTo("active");

		List<ConsumerRecord<String, String>> records = this.billingEvents.awaitKeyed(String.valueOf(user), 5);
		// The failure's two events commit together; the outbox sends them in either
		// order.
		assertThat(records.subList(2, 4)).extracting(TopicWatcher::type)
			.containsExactlyInAnyOrder("payment-failed", "subscription-changed");
		ConsumerRecord<String, String> failure = records.subList(2, 4)
			.stream()
			.filter((record) -> TopicWatcher.type(record).equals("payment-failed"))
			.findFirst()
			.orElseThrow();
		ConsumerRecord<String, String> pastDueChange = (failure == records.get(2)) ? records.get(3) : records.get(2);
		assertThat(TopicWatcher.type(records.get(4))).isEqualTo("subscription-changed");
		JsonNode failed = parse(failure.value());
		assertThat(failed.path("invoiceId").asString()).isEqualTo("in_" + user);
		assertThat(failed.path("subscriptionId").asString()).isEqualTo("sub_" + user);
		assertThat(failed.path("amountDue").asLong()).isEqualTo(2900);
		assertThat(failed.path("currency").asString()).isEqualTo("usd");
		assertThat(failed.path("attempt").asInt()).isEqualTo(1);
		assertThat(parse(pastDueChange.value()).path("status").asString()).isEqualTo("past_due");
		assertThat(parse(records.get(4).value()).path("status").asString()).isEqualTo("active");
	}

	@Test
	void unknownCustomersAndUnknownTypesAreAcknowledgedAndIgnored() {
		String stranger = event("evt_" + UUID.randomUUID(), "customer.subscription.created", Instant.now(),
				StripeWebhooks.subscription("sub_stranger", "cus_nobody", StripeStandIn.PRICE_BASIC, "active", 0, 0));
		assertThat(webhook(stranger, sign(stranger, SECRET)).statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM subscription WHERE stripe_subscription_id = 'sub_stranger'")
			.query(Integer.class)
			.single()).isZero();
		String unknown = event("evt_" + UUID.randomUUID(), "charge.refunded", Instant.now(), "{\"id\": \"ch_1\"}");
		assertThat(webhook(unknown, sign(unknown, SECRET)).statusCode()).isEqualTo(200);
	}

	@Test
	void aChangeCommittedWhileKafkaIsDownIsPublishedWhenItReturns() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		this.billingEvents.awaitKeyed(String.valueOf(user), 1);
		SharedInfrastructure.kafka().stop();
		deliver(event("evt_" + UUID.randomUUID(), "customer.subscription.created", Instant.now(),
				StripeWebhooks.subscription("sub_" + user, customer, StripeStandIn.PRICE_PRO, "active", 0, 0)));
		assertThat(planOf(user)).isEqualTo("pro");

		SharedInfrastructure.kafka().start();
		ConsumerRecord<String, String> changed = this.billingEvents.awaitKeyed(String.valueOf(user), 2).get(1);
		assertThat(TopicWatcher.type(changed)).isEqualTo("subscription-changed");
		assertThat(parse(changed.value()).path("plan").asString()).isEqualTo("pro");
	}

	@Test
	void callMinutesAreCountedOncePerCallAndReportedToStripeByCallId() {
		long user = ids.incrementAndGet();
		String customer = customerFor(user);
		Instant end = Instant.now();
		UUID callId = UUID.randomUUID();
		CallCompleted call = new CallCompleted(UUID.randomUUID(), end, callId, "CA" + user, 7, user,
				end.minusSeconds(95), end, 95, CallEndReason.CALLER_HUNG_UP);
		publish(Topics.CALL_EVENTS, callId.toString(), call);
		publish(Topics.CALL_EVENTS, callId.toString(), call);
		UUID secondCall = UUID.randomUUID();
		publish(Topics.CALL_EVENTS, secondCall.toString(), new CallCompleted(UUID.randomUUID(), end, secondCall,
				"CB" + user, 7, user, end.minusSeconds(30), end, 30, CallEndReason.ASSISTANT_ENDED));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					body(http(user).get("/api/billing/subscription")).path("usage").path("call_minutes").asInt())
				.isEqualTo(3));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(StripeStandIn.requestsTo("/v1/billing/meter_events")
				.stream()
				.map(BillingIntegrationTests::form)
				.filter((form) -> form.contains("payload[stripe_customer_id]=" + customer))
				.toList()).hasSize(2)
				.anySatisfy((form) -> assertThat(form).contains("identifier=" + callId, "payload[value]=2",
						"event_name=call_minutes")));
	}

	private String customerFor(long user) {
		publishUserEvent(new UserRegistered(UUID.randomUUID(), Instant.now(), user, "User " + user,
				"user" + user + "@example.com"));
		return awaitCustomer(user);
	}

	private String awaitCustomer(long user) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> customerOf(user), (id) -> id != null);
	}

	private String customerOf(long user) {
		return this.jdbc.sql("SELECT stripe_customer_id FROM billing_customer WHERE user_id = ?")
			.param(user)
			.query((row, number) -> row.getString(1))
			.optional()
			.orElse(null);
	}

	private int attemptsOf(long user) {
		return this.jdbc.sql("SELECT attempts FROM billing_customer WHERE user_id = ?")
			.param(user)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	private String planOf(long user) {
		return this.jdbc.sql("SELECT plan FROM subscription WHERE user_id = ?")
			.param(user)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private int processed(String eventId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE source = 'stripe' AND event_id = ?")
			.param(eventId)
			.query(Integer.class)
			.single();
	}

	private List<LoggedRequest> customerRequestsOf(long user) {
		return StripeStandIn.requestsTo("/v1/customers")
			.stream()
			.filter((request) -> ("vocalhost-customer-" + user).equals(request.getHeader("Idempotency-Key")))
			.toList();
	}

	private static String event(String id, String type, Instant created, String object) {
		return StripeWebhooks.event(id, type, created.getEpochSecond(), object);
	}

	private void deliver(String payload) {
		HttpResponse<String> response = webhook(payload, sign(payload, SECRET));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private HttpResponse<String> webhook(String payload, String signature) {
		TestHttp http = TestHttp.at(this.port);
		return ((signature != null) ? http.header("Stripe-Signature", signature) : http).json("POST", "/stripe/webhook",
				payload);
	}

	private TestHttp http(long user) {
		return TestHttp.at(this.port).asUser(user);
	}

	private static void publishUserEvent(UserRegistered event) {
		publish(Topics.USER_EVENTS, String.valueOf(event.userId()), event);
	}

	private static void publish(String topic, String key, Object event) {
		KafkaEvents.publish(topic, key, event, EventCatalog.kafkaTypeMappings());
	}

	private static JsonNode parse(String value) {
		return json.readTree(value);
	}

	private static String form(LoggedRequest request) {
		return URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
	}

}
