package io.vocalhost.voicebridge.sms;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.sms.TextMessages.StoredMessage;
import io.vocalhost.voicebridge.stream.TwilioRestStandIn;
import io.vocalhost.voicebridge.stream.TwilioRestStandIn.Sms;
import io.vocalhost.voicebridge.twilio.TwilioWebhookClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Customers texting an assistant's number through Twilio's signed webhook: the thread,
 * opt-out and back in as every later confirmation sees it, HELP, the polite answer, and
 * the webhook's refusals.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class IncomingTextsIntegrationTests {

	private static final String PUBLIC_URL = "https://voice.example.com";

	private static final String AUTH_TOKEN = "test-twilio-token";

	private static final TwilioRestStandIn twilio = new TwilioRestStandIn(AUTH_TOKEN);

	@DynamicPropertySource
	static void twilio(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.public-url", () -> PUBLIC_URL);
		registry.add("vocalhost.voice.twilio-auth-token", () -> AUTH_TOKEN);
		registry.add("vocalhost.voice.twilio-account-sid", () -> TwilioRestStandIn.ACCOUNT_SID);
		registry.add("vocalhost.voice.twilio-api-base", twilio::baseUrl);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private Assistants assistants;

	@Autowired
	private TextMessages messages;

	@Autowired
	private JdbcClient jdbc;

	private TwilioWebhookClient webhook;

	private long assistantId;

	private String number;

	private String customer;

	@BeforeEach
	void assistant() {
		this.webhook = new TwilioWebhookClient(this.port, PUBLIC_URL, AUTH_TOKEN);
		this.assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		this.number = "+1555" + (1_000_000 + this.assistantId % 9_000_000);
		this.customer = "+1558" + (1_000_000 + this.assistantId % 9_000_000);
		this.assistants.apply(
				new AssistantSnapshot(this.assistantId, 7, "Ava", "Smile Dental", "Dentist", "Europe/Paris",
						List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30,
						"female", "Hello!", "+15550009999", this.number, "active"),
				Instant.parse("2026-12-01T10:00:00Z"));
	}

	@Test
	void stopIsConfirmedOnceAndSilencesEveryLaterConfirmationUntilStart() throws Exception {
		assertThat(text("STOP").body()).isEqualTo(SmsWebhookController.EMPTY_TWIML);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentToCustomer()).hasSize(1));
		assertThat(sentToCustomer().get(0).body()).isEqualTo(
				"Smile Dental: you are unsubscribed and will get no more messages. Reply START to subscribe again.");
		assertThat(text(" stop ").statusCode()).isEqualTo(200);

		UUID silenced = book("2027-01-14T09:00:00Z");
		await().atMost(Duration.ofSeconds(20)).until(() -> processed(silenced));
		assertThat(this.messages.exchangedWith(this.assistantId, this.customer)).extracting(StoredMessage::body)
			.containsExactly("STOP",
					"Smile Dental: you are unsubscribed and will get no more messages. Reply START to subscribe again.",
					" stop ");
		assertThat(text("Start").statusCode()).isEqualTo(200);
		book("2027-01-15T09:00:00Z");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(sentToCustomer()).extracting(Sms::body)
				.containsExactly(
						"Smile Dental: you are unsubscribed and will get no more messages. Reply START to subscribe again.",
						"Smile Dental: you are subscribed again. Reply STOP to unsubscribe.",
						"Smile Dental: your appointment is confirmed for Fri 15 Jan at 10:00."));
		assertThat(this.messages.exchangedWith(this.assistantId, this.customer)).extracting(StoredMessage::kind)
			.containsExactly("customer", "opted-out", "customer", "customer", "opted-in", "booked");
	}

	@Test
	void anyOtherMessageIsKeptInTheThreadAndAnsweredPolitelyAndHelpNamesTheBusinessPhone() throws Exception {
		text("Do you have parking?");
		text("HELP");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentToCustomer()).hasSize(2));
		assertThat(sentToCustomer()).extracting(Sms::body)
			.containsExactly("Smile Dental: thank you for your message. We have passed it on and will get back to you.",
					"Smile Dental: appointment messages. Call +15550009999 for help. Reply STOP to unsubscribe.");
		assertThat(sentToCustomer()).extracting(Sms::from).containsOnly(this.number);
		List<StoredMessage> thread = this.messages.exchangedWith(this.assistantId, this.customer);
		assertThat(thread.get(0).direction()).isEqualTo("inbound");
		assertThat(thread.get(0).body()).isEqualTo("Do you have parking?");
		assertThat(thread.get(0).status()).isEqualTo("received");
		assertThat(thread.get(0).from()).isEqualTo(this.customer);
		assertThat(thread.get(0).to()).isEqualTo(this.number);
	}

	@Test
	void theOwnerSeesEachThreadWithItsLastMessageAndUnreadCountAndOpensItWithEveryMessageAndStatus() throws Exception {
		text("Do you have parking?");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.messages.exchangedWith(this.assistantId, this.customer))
				.extracting(StoredMessage::status)
				.containsExactly("received", "queued"));
		TestHttp owner = TestHttp.at(this.port).asUser(7);

		JsonNode list = TestHttp.body(owner.get("/api/sms/threads?assistant_id=" + this.assistantId));
		assertThat(list.path("threads")).hasSize(1);
		JsonNode thread = list.path("threads").get(0);
		assertThat(thread.path("customer_phone").asString()).isEqualTo(this.customer);
		assertThat(thread.path("assistant_phone").asString()).isEqualTo(this.number);
		assertThat(thread.path("unread").asInt()).isEqualTo(1);
		assertThat(thread.at("/last_message/direction").asString()).isEqualTo("outbound");
		assertThat(thread.at("/last_message/kind").asString()).isEqualTo("automatic-reply");
		assertThat(thread.has("messages")).isFalse();

		JsonNode opened = TestHttp.body(owner.get("/api/sms/threads/" + thread.path("id").asLong()));
		assertThat(opened.path("messages")).hasSize(2);
		assertThat(opened.at("/messages/0/direction").asString()).isEqualTo("inbound");
		assertThat(opened.at("/messages/0/body").asString()).isEqualTo("Do you have parking?");
		assertThat(opened.at("/messages/0/from").asString()).isEqualTo(this.customer);
		assertThat(opened.at("/messages/1/status").asString()).isEqualTo("queued");
		assertThat(opened.at("/messages/1/twilio_sid").asString()).startsWith("SM");
		assertThat(TestHttp.body(owner.get("/api/sms/threads?assistant_id=" + this.assistantId))
			.at("/threads/0/unread")
			.asInt()).isZero();

		TestHttp stranger = TestHttp.at(this.port).asUser(8);
		TestHttp.assertError(stranger.get("/api/sms/threads?assistant_id=" + this.assistantId), 404, "Not found");
		TestHttp.assertError(stranger.get("/api/sms/threads/" + thread.path("id").asLong()), 404, "Not found");
		TestHttp.assertError(owner.get("/api/sms/threads"), 400, "Invalid request");
		TestHttp.assertError(owner.get("/api/sms/threads/x"), 400, "Invalid request");
		assertThat(TestHttp.at(this.port).get("/api/sms/threads?assistant_id=" + this.assistantId).statusCode())
			.isEqualTo(401);
	}

	@Test
	void twiliosStatusCallbacksAreRecordedInOrderOfProgressWithTheErrorCodeOfAFailure() throws Exception {
		text("Hello?");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentToCustomer()).hasSize(1));
		Sms reply = sentToCustomer().get(0);
		assertThat(reply.statusCallback()).isEqualTo(PUBLIC_URL + "/sms/status");
		await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(replyStatus()));

		Map<String, String> delivered = status(reply.sid(), "delivered", null);
		assertThat(this.webhook.post("/sms/status", delivered, null).statusCode()).isEqualTo(403);
		assertThat(replyStatus()).isEqualTo("queued");
		assertThat(this.webhook.signedPost("/sms/status", status(reply.sid(), "sent", null)).statusCode())
			.isEqualTo(200);
		assertThat(replyStatus()).isEqualTo("sent");
		assertThat(this.webhook.signedPost("/sms/status", delivered).statusCode()).isEqualTo(200);
		// Twilio does not promise the order of its callbacks: a late "sent" changes
		// nothing.
		assertThat(this.webhook.signedPost("/sms/status", status(reply.sid(), "sent", null)).statusCode())
			.isEqualTo(200);
		assertThat(replyStatus()).isEqualTo("delivered");

		text("Anyone there?");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentToCustomer()).hasSize(2));
		String second = sentToCustomer().get(1).sid();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.messages.exchangedWith(this.assistantId, this.customer)
				.stream()
				.anyMatch((message) -> second.equals(message.twilioSid()) && "queued".equals(message.status())));
		assertThat(this.webhook.signedPost("/sms/status", status(second, "undelivered", "30003")).statusCode())
			.isEqualTo(200);
		StoredMessage undelivered = this.messages.exchangedWith(this.assistantId, this.customer)
			.stream()
			.filter((message) -> second.equals(message.twilioSid()))
			.findFirst()
			.orElseThrow();
		assertThat(undelivered.status()).isEqualTo("undelivered");
		assertThat(undelivered.errorCode()).isEqualTo(30003);

		assertThat(this.webhook.signedPost("/sms/status", status(second, "lost", null)).statusCode()).isEqualTo(400);
		assertThat(this.webhook.signedPost("/sms/status", status(second, "failed", "x")).statusCode()).isEqualTo(400);
		assertThat(this.webhook.signedPost("/sms/status", status("SMunknown", "delivered", null)).statusCode())
			.isEqualTo(200);
	}

	private String replyStatus() {
		return this.messages.exchangedWith(this.assistantId, this.customer)
			.stream()
			.filter((message) -> "outbound".equals(message.direction()))
			.findFirst()
			.orElseThrow()
			.status();
	}

	private Map<String, String> status(String messageSid, String status, String errorCode) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", messageSid);
		form.put("AccountSid", TwilioRestStandIn.ACCOUNT_SID);
		form.put("MessageStatus", status);
		if (errorCode != null) {
			form.put("ErrorCode", errorCode);
		}
		return form;
	}

	@Test
	void aRedeliveredMessageIsStoredAndAnsweredOnce() throws Exception {
		Map<String, String> form = form("Hello?");
		assertThat(this.webhook.signedPost("/sms/incoming", form).statusCode()).isEqualTo(200);
		assertThat(this.webhook.signedPost("/sms/incoming", form).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentToCustomer()).hasSize(1));
		assertThat(this.messages.exchangedWith(this.assistantId, this.customer)).hasSize(2);
	}

	@Test
	void unsignedOrBadMessagesAreRefusedAndNothingIsStored() throws Exception {
		Map<String, String> form = form("STOP");
		assertThat(this.webhook.post("/sms/incoming", form, null).statusCode()).isEqualTo(403);
		assertThat(this.webhook.post("/sms/incoming", form, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(403);

		Map<String, String> notE164 = form("Hi");
		notE164.put("From", "5551234");
		HttpResponse<String> badFrom = this.webhook.signedPost("/sms/incoming", notE164);
		assertThat(badFrom.statusCode()).isEqualTo(400);
		assertThat(badFrom.body()).contains("\"error\"").contains("From");
		HttpResponse<String> tooLong = this.webhook.signedPost("/sms/incoming",
				form("x".repeat(IncomingTexts.MAX_BODY + 1)));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.body()).contains("Body");

		Map<String, String> unknownTo = form("Hi");
		unknownTo.put("To", "+15550000001");
		HttpResponse<String> unknown = this.webhook.signedPost("/sms/incoming", unknownTo);
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(unknown.body()).isEqualTo(SmsWebhookController.EMPTY_TWIML);

		assertThat(this.messages.exchangedWith(this.assistantId, this.customer)).isEmpty();
		assertThat(sentToCustomer()).isEmpty();
	}

	private HttpResponse<String> text(String body) throws Exception {
		HttpResponse<String> response = this.webhook.signedPost("/sms/incoming", form(body));
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
		form.put("AccountSid", TwilioRestStandIn.ACCOUNT_SID);
		form.put("From", this.customer);
		form.put("To", this.number);
		form.put("Body", body);
		return form;
	}

	private UUID book(String start) {
		Instant at = Instant.parse(start);
		UUID eventId = UUID.randomUUID();
		BookingConfirmationsIntegrationTests.publish(new BookingCreated(eventId, Instant.now(), 44, this.assistantId,
				"Jon", this.customer, at, at.plusSeconds(1800), "Europe/Paris", null, "dashboard"));
		return eventId;
	}

	private boolean processed(UUID eventId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM processed_event WHERE event_id = ?)")
			.param(eventId.toString())
			.query(Boolean.class)
			.single();
	}

	private List<Sms> sentToCustomer() {
		return twilio.messages.stream().filter((sms) -> sms.to().equals(this.customer)).toList();
	}

}
