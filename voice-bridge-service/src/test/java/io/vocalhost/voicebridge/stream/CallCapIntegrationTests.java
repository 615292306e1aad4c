package io.vocalhost.voicebridge.stream;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.testsupport.AtOnce;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.RealInfrastructureInitializer;
import io.vocalhost.voicebridge.VoiceBridgeServiceApplication;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.call.Calls;
import io.vocalhost.voicebridge.plan.Plans;
import io.vocalhost.voicebridge.twilio.TwilioWebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.vocalhost.voicebridge.relay.MediaStreamFrames.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-owner concurrent-call cap with two bridge instances on one database, as behind
 * a load balancer: Twilio's webhook and the call's media stream may each land on either
 * instance.
 */
class CallCapIntegrationTests {

	private static final String PUBLIC_URL = "https://voice.example.com";

	private static final String AUTH_TOKEN = "test-twilio-token";

	private static final Duration TOKEN_TTL = Duration.ofSeconds(10);

	private static final Duration LEASE = Duration.ofSeconds(3);

	private static final Pattern STREAM = Pattern.compile(
			"<Stream url=\"wss://voice\\.example\\.com/ws/call/([0-9a-f-]+)\"><Parameter name=\"token\" value=\"([^\"]+)\"");

	private static final RealtimeStandIn realtime = new RealtimeStandIn();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	/**
	 * A first webhook on each warms it up, so that a stream opens well within its token's
	 * time on a busy machine.
	 */
	@BeforeAll
	static void startTwoBridges() throws Exception {
		first = bridge();
		second = bridge();
		answer(first, "+1000");
		answer(second, "+1000");
	}

	@AfterAll
	static void stopTwoBridges() {
		second.close();
		first.close();
		realtime.close();
	}

	private static ConfigurableApplicationContext bridge() {
		return new SpringApplicationBuilder(VoiceBridgeServiceApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--vocalhost.public-url=" + PUBLIC_URL,
					"--vocalhost.voice.twilio-auth-token=" + AUTH_TOKEN, "--vocalhost.voice.openai-api-key=sk-test",
					"--vocalhost.voice.realtime-url=" + realtime.url(),
					"--vocalhost.voice.stream-token-ttl=" + TOKEN_TTL.toSeconds() + "s",
					"--vocalhost.voice.call-cap.lease=" + LEASE.toSeconds() + "s");
	}

	@Test
	void aFreeTenantsSecondCallIsRefusedOnTheOtherInstanceWhileTheFirstIsLive() throws Exception {
		long owner = newOwner();
		String number = assistant(owner);
		Answer live = answer(first, number);
		assertThat(live.callId()).isPresent();

		Answer refused = answer(second, number);
		assertThat(refused.body()).contains("<Say>", "<Dial>+15550006666</Dial>").doesNotContain("<Connect");
		assertThat(endReason(refused.callSid())).isEqualTo("REJECTED_CALL_LIMIT");
		assertThat(endReason(live.callSid())).isEqualTo("LIVE");

		int upstreams = realtime.connections.size();
		TwilioStreamClient stream = new TwilioStreamClient(streamUri(second, live.callId().get()));
		stream.send(start("MZ" + live.callSid(), live.token()));
		await().atMost(Duration.ofSeconds(10)).until(() -> realtime.connections.size() == upstreams + 1);

		TwilioStreamClient intruder = new TwilioStreamClient(streamUri(first, live.callId().get()));
		intruder.send(start("MZ" + live.callSid(), "not-the-token"));
		await().atMost(Duration.ofSeconds(5)).until(() -> intruder.closed);
		// Once the lease the stream's claim took has run out, the slot holds only if its
		// instance renewed it.
		Instant claimedUntil = leaseOf(live.callId().get());
		await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(claimedUntil.plusSeconds(1)));
		assertThat(leaseOf(live.callId().get())).isAfter(claimedUntil);
		assertThat(answer(first, number).callId()).isEmpty();

		stream.hangUp();
		await().atMost(Duration.ofSeconds(10)).until(() -> slotsOf(owner) == 0);
		assertThat(answer(first, number).callId()).isPresent();
	}

	@Test
	void aSlotWhoseLeaseLapsedDoesNotCount() throws Exception {
		long owner = newOwner();
		String number = assistant(owner);
		UUID crashed = first.getBean(Calls.class)
			.offered("CA" + UUID.randomUUID(), null, owner, "+15557654321", number);
		jdbc().sql("INSERT INTO call_slot (call_id, owner_id, instance_id, lease_until) VALUES (?, ?, 'gone', ?)")
			.params(crashed, owner, Instant.now().plusSeconds(60).atOffset(ZoneOffset.UTC))
			.update();
		assertThat(answer(second, number).callId()).as("a slot leased by a live instance counts").isEmpty();

		jdbc().sql("UPDATE call_slot SET lease_until = ? WHERE call_id = ?")
			.params(Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC), crashed)
			.update();
		assertThat(answer(second, number).callId()).isPresent();
	}

	@Test
	void aTokenThatExpiresUnusedFreesTheSlot() throws Exception {
		long owner = newOwner();
		String number = assistant(owner);
		Instant answered = Instant.now();
		Answer unused = answer(first, number);
		assertThat(unused.callId()).isPresent();
		assertThat(answer(second, number).callId()).isEmpty();

		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> answer(second, number).callId().isPresent());
		assertThat(Instant.now()).isAfterOrEqualTo(answered.plus(TOKEN_TTL));
	}

	@Test
	void subscriptionEventsOnKafkaSetTheCapOfTheOwnersPlan() throws Exception {
		long owner = newOwner();
		String number = assistant(owner);
		assertThat(answer(first, number).callId()).isPresent();
		assertThat(answer(second, number).callId()).isEmpty();

		Instant upgraded = Instant.now();
		publish(owner, new SubscriptionChanged(UUID.randomUUID(), upgraded, owner, "sub_1", "basic", "active", null));
		await().atMost(Duration.ofSeconds(30)).until(() -> plans().planOf(owner).equals("basic"));
		assertThat(answer(second, number).callId()).isPresent();
		assertThat(answer(first, number).callId()).isPresent();
		assertThat(answer(second, number).callId()).isEmpty();

		publish(owner, new SubscriptionChanged(UUID.randomUUID(), upgraded.minusSeconds(60), owner, "sub_1", "pro",
				"active", null));
		publish(owner,
				new PaymentFailed(UUID.randomUUID(), upgraded.plusSeconds(1), owner, "sub_1", "in_1", 2900, "usd", 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> plans().planOf(owner).equals(Plans.FREE));
		assertThat(jdbc().sql("SELECT plan || ' ' || status FROM owner_plan WHERE owner_id = ?")
			.param(owner)
			.query(String.class)
			.single()).as("the older pro event is not applied").isEqualTo("basic past_due");
	}

	@Test
	void simultaneousWebhooksOfABasicTenantOnBothInstancesTakeExactlyItsThreeSlots() throws Exception {
		long owner = newOwner();
		String number = assistant(owner);
		publish(owner,
				new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_2", "basic", "active", null));
		await().atMost(Duration.ofSeconds(30)).until(() -> plans().planOf(owner).equals("basic"));

		int attempts = 20;
		List<Answer> answers = AtOnce.run(attempts, (attempt) -> answer((attempt % 2 == 0) ? first : second, number));
		assertThat(answers.stream().filter((answer) -> answer.callId().isPresent())).hasSize(3);
		assertThat(answers.stream().map((answer) -> endReason(answer.callSid())))
			.containsOnly("LIVE", "REJECTED_CALL_LIMIT")
			.filteredOn("REJECTED_CALL_LIMIT"::equals)
			.hasSize(attempts - 3);
		assertThat(slotsOf(owner)).isEqualTo(3);
	}

	/** The webhook's answer: a stream to connect, or the fallback. */
	private record Answer(String callSid, String body, Optional<String> callId, String token) {
	}

	private static Answer answer(ConfigurableApplicationContext bridge, String number) throws Exception {
		String callSid = "CA" + UUID.randomUUID();
		String body = new TwilioWebhookClient(port(bridge), PUBLIC_URL, AUTH_TOKEN)
			.signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number))
			.body();
		Matcher stream = STREAM.matcher(body);
		return stream.find() ? new Answer(callSid, body, Optional.of(stream.group(1)), stream.group(2))
				: new Answer(callSid, body, Optional.empty(), null);
	}

	private static int port(ConfigurableApplicationContext bridge) {
		return ((WebServerApplicationContext) bridge).getWebServer().getPort();
	}

	private static URI streamUri(ConfigurableApplicationContext bridge, String callId) {
		return URI.create("ws://localhost:" + port(bridge) + "/ws/call/" + callId);
	}

	private static long newOwner() {
		return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
	}

	private static String assistant(long owner) {
		String number = "+1777" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
		first.getBean(Assistants.class)
			.apply(new AssistantSnapshot(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), owner, "Ava",
					"Bella's Bistro", "Italian food", "Europe/Paris",
					List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30, "female",
					"Hello!", "+15550006666", number, "active"), Instant.now());
		return number;
	}

	private static void publish(long owner, Object event) {
		KafkaEvents.publish(Topics.BILLING_EVENTS, String.valueOf(owner), event, EventCatalog.kafkaTypeMappings());
	}

	private static Plans plans() {
		return second.getBean(Plans.class);
	}

	private static JdbcClient jdbc() {
		return first.getBean(JdbcClient.class);
	}

	private static long slotsOf(long owner) {
		return jdbc().sql("SELECT count(*) FROM call_slot WHERE owner_id = ?").param(owner).query(Long.class).single();
	}

	private static Instant leaseOf(String callId) {
		return jdbc().sql("SELECT lease_until FROM call_slot WHERE call_id = ?::uuid")
			.param(callId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private static String endReason(String callSid) {
		return jdbc().sql("SELECT coalesce(end_reason, 'LIVE') FROM call WHERE call_sid = ?")
			.param(callSid)
			.query(String.class)
			.single();
	}

}
