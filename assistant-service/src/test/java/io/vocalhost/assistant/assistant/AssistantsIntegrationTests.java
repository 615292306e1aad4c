package io.vocalhost.assistant.assistant;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.testsupport.AtOnce;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.SharedInfrastructure;
import io.vocalhost.testsupport.TestTokens;
import io.vocalhost.testsupport.TopicWatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The assistant API over real HTTP on the real database and Kafka: the original multipart
 * forms, ownership between two users, the validation matrix, plan limits, events and
 * suspension.
 */
// No grace period: a failed payment suspends at once (PaymentGraceIntegrationTests covers
// the grace).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "vocalhost.plan-policy.grace-period=0s")
@RealInfrastructure
class AssistantsIntegrationTests {

	private static final AtomicLong users = new AtomicLong(1000);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void registersWithTheOriginalFormAndListsOnlyTheOwnersAssistants() throws Exception {
		long ann = users.incrementAndGet();
		long bob = users.incrementAndGet();
		HttpResponse<String> created = register(ann,
				Multipart.of(Multipart.originalRegistration()).file("files[]", "prices.pdf", "%PDF-1.4 prices"));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode body = json.readTree(created.body());
		String number = body.path("twilio_number").asString();
		assertThat(number).startsWith("+1500555");
		assertThat(body.path("message").asString()).isEqualTo("Assistant created. Forward calls to " + number + ".");
		assertThat(body.path("indexed_chunks").asInt()).isZero();
		assertThat(body.path("warnings").get(0).asString()).contains("not indexed");
		long id = body.path("assistant_id").asLong();

		JsonNode list = json.readTree(send("GET", "/api/assistants", ann, null, null).body());
		assertThat(list.path("assistants")).hasSize(1);
		JsonNode assistant = list.path("assistants").get(0);
		assertThat(assistant.path("id").asLong()).isEqualTo(id);
		assertThat(assistant.path("name").asString()).isEqualTo("Ava");
		assertThat(assistant.path("business_name").asString()).isEqualTo("Bella Salon");
		assertThat(assistant.path("start_time").asString()).isEqualTo("09:00");
		assertThat(assistant.path("end_time").asString()).isEqualTo("17:00");
		assertThat(assistant.path("booking_duration_minutes").asInt()).isEqualTo(30);
		assertThat(assistant.path("available_days").path("monday").asBoolean()).isTrue();
		assertThat(assistant.path("available_days").path("wednesday").asBoolean()).isFalse();
		assertThat(assistant.path("available_days").path("saturday").asBoolean()).isTrue();
		assertThat(assistant.path("twilio_number").asString()).isEqualTo(number);
		assertThat(assistant.path("number_simulated").asBoolean()).isTrue();
		assertThat(assistant.path("voice_type").asString()).isEqualTo("female");
		assertThat(assistant.path("phone_number").asString()).isEqualTo("+4930123456");
		assertThat(assistant.path("timezone").asString()).isEqualTo("America/New_York");
		assertThat(assistant.path("status").asString()).isEqualTo("active");

		assertThat(json.readTree(send("GET", "/api/assistants", bob, null, null).body()).path("assistants")).isEmpty();
		assertThat(send("GET", "/api/assistants?user_id=" + ann, ann, null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/assistants?user_id=" + ann, bob, null, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/api/assistant/" + id, bob, null, null).statusCode()).isEqualTo(404);
		assertThat(send("PATCH", "/api/assistant/" + id, bob, "{\"greeting\":\"hacked\"}", "application/json")
			.statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/api/assistant/" + id, bob, null, null).statusCode()).isEqualTo(404);
		assertThat(json.readTree(send("GET", "/api/assistant/" + id, ann, null, null).body()).path("greeting").isNull())
			.isTrue();
	}

	@Test
	void registersAKnowledgeAssistantWithoutANumber() throws Exception {
		long owner = users.incrementAndGet();
		HttpResponse<String> created = register(owner, "/api/register/assistant", Multipart
			.of(Map.of("assistant_name", "Max", "business_name", "Max Law", "business_description", "Family law")));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode body = json.readTree(created.body());
		assertThat(body.has("twilio_number")).isFalse();
		assertThat(body.path("indexed_chunks").asInt()).isZero();
		JsonNode assistant = json
			.readTree(send("GET", "/api/assistant/" + body.path("assistant_id").asLong(), owner, null, null).body());
		assertThat(assistant.path("twilio_number").isNull()).isTrue();
		assertThat(assistant.path("description").asString()).isEqualTo("Family law");
	}

	@Test
	void refusesEveryBadFieldByNameAndWritesNothing() throws Exception {
		long owner = users.incrementAndGet();
		long assistantsBefore = count("assistant");
		Map<String, String> bad = Map.of("start_time", "25:00", "end_time", "9am", "booking_duration_minutes", "481",
				"phone_number", "030123456", "available_days", "{\"funday\":true}", "voice_type", "robot", "timezone",
				"Mars/Olympus");
		HttpResponse<String> response = register(owner, Multipart.of(bad));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).path("details").asString()).contains("business_name")
			.contains("receptionist_name")
			.contains("start_time")
			.contains("end_time")
			.contains("booking_duration_minutes")
			.contains("phone_number")
			.contains("funday")
			.contains("voice_type")
			.contains("timezone");

		Map<String, String> reversed = new HashMap<>(Multipart.originalRegistration());
		reversed.put("start_time", "17:00");
		reversed.put("end_time", "09:00");
		assertThat(json.readTree(register(owner, Multipart.of(reversed)).body()).path("details").asString())
			.contains("end_time: must be after start_time");

		Map<String, String> tooShort = new HashMap<>(Multipart.originalRegistration());
		tooShort.put("booking_duration_minutes", "4");
		assertThat(register(owner, Multipart.of(tooShort)).statusCode()).isEqualTo(400);

		HttpResponse<String> badFile = register(owner,
				Multipart.of(Multipart.originalRegistration()).file("files[]", "virus.exe", "MZ"));
		assertThat(json.readTree(badFile.body()).path("details").asString()).contains("virus.exe");
		Multipart tooMany = Multipart.of(Multipart.originalRegistration());
		for (int file = 0; file < 11; file++) {
			tooMany.file("files[]", "page" + file + ".txt", "text");
		}
		assertThat(json.readTree(register(owner, tooMany).body()).path("details").asString())
			.contains("files: at most 10 files");
		assertThat(count("assistant")).isEqualTo(assistantsBefore);
	}

	@Test
	void aBadRegistrationReportsEveryFieldWithTheOriginalTexts() throws Exception {
		long owner = users.incrementAndGet();
		Map<String, String> bad = Map.of("start_time", "25:00", "end_time", "9am", "booking_duration_minutes", "481",
				"phone_number", "030123456", "available_days", "{\"funday\":true}", "voice_type", "robot", "timezone",
				"Mars/Olympus");
		assertThat(details(register(owner, Multipart.of(bad)))).isEqualTo("business_name: is required; "
				+ "receptionist_name: is required; start_time: must be a time as HH:MM; "
				+ "end_time: must be a time as HH:MM; booking_duration_minutes: must be between 5 and 480 minutes; "
				+ "phone_number: must be a phone number in E.164 form, like +14155550123; "
				+ "available_days: 'funday' is not a weekday name; voice_type: must be male or female; "
				+ "timezone: must be an IANA time zone, like Europe/Berlin");

		Map<String, String> reversed = new HashMap<>(Multipart.originalRegistration());
		reversed.put("start_time", "17:00");
		reversed.put("end_time", "09:00");
		assertThat(details(register(owner, Multipart.of(reversed)))).isEqualTo("end_time: must be after start_time");

		Map<String, String> wordy = new HashMap<>(Multipart.originalRegistration());
		wordy.put("voice_type", "");
		wordy.put("greeting", "x".repeat(2001));
		wordy.put("available_days", "monday");
		wordy.put("booking_duration_minutes", "thirty");
		assertThat(details(register(owner, Multipart.of(wordy))))
			.isEqualTo("booking_duration_minutes: must be between 5 and 480 minutes; "
					+ "available_days: must be a JSON object of weekday booleans, like {\"monday\": true}; "
					+ "voice_type: must be male or female; greeting: must be at most 2000 characters");

		HttpResponse<String> badFiles = register(owner,
				Multipart.of(Multipart.originalRegistration())
					.file("files", "notes.txt", "text")
					.file("files[]", "virus.exe", "MZ"));
		assertThat(details(badFiles)).startsWith("files: 'virus.exe' is not one of ").doesNotContain("notes.txt");

		assertThat(
				details(register(owner, "/api/register/assistant", Multipart.of(Map.of("business_description", "x")))))
			.isEqualTo("assistant_name: is required; business_name: is required");

		Map<String, String> notANumber = new HashMap<>(Multipart.originalRegistration());
		notANumber.put("user_id", "me");
		HttpResponse<String> refused = register(owner, Multipart.of(notANumber));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(details(refused)).isEqualTo("user_id: must be a number");
		assertThat(this.jdbc.sql("SELECT count(*) FROM assistant WHERE owner_id = ?")
			.param(owner)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void editsHoursTimeZoneAndGreetingAndRefusesBadChangesWhole() throws Exception {
		long owner = users.incrementAndGet();
		long id = json.readTree(register(owner, Multipart.of(Multipart.originalRegistration())).body())
			.path("assistant_id")
			.asLong();
		HttpResponse<String> edited = send("PATCH", "/api/assistant/" + id, owner, """
				{"timezone": "Europe/Berlin", "greeting": "Hallo!",
				 "hours": {"monday": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}],
				           "friday": [{"start": "10:00", "end": "14:00"}]}}
				""", "application/json");
		assertThat(edited.statusCode()).isEqualTo(200);
		JsonNode assistant = json.readTree(send("GET", "/api/assistant/" + id, owner, null, null).body());
		assertThat(assistant.path("timezone").asString()).isEqualTo("Europe/Berlin");
		assertThat(assistant.path("greeting").asString()).isEqualTo("Hallo!");
		assertThat(assistant.path("hours").path("monday")).hasSize(2);
		assertThat(assistant.path("hours").path("tuesday")).isEmpty();
		assertThat(assistant.path("available_days").path("friday").asBoolean()).isTrue();
		assertThat(assistant.path("start_time").asString()).isEqualTo("09:00");
		assertThat(assistant.path("end_time").asString()).isEqualTo("18:00");

		HttpResponse<String> original = send("PATCH", "/api/assistant/" + id, owner,
				"{\"start_time\": \"08:30\", \"end_time\": \"16:00\", \"available_days\": {\"tuesday\": true}}",
				"application/json");
		assertThat(json.readTree(original.body()).path("hours").path("tuesday").get(0).path("start").asString())
			.isEqualTo("08:30");
		assertThat(json.readTree(original.body()).path("hours").path("monday")).isEmpty();

		HttpResponse<String> refused = send("PATCH", "/api/assistant/" + id, owner,
				"{\"greeting\": \"changed\", \"timezone\": \"Nowhere/Land\", \"booking_duration_minutes\": 1}",
				"application/json");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(json.readTree(refused.body()).path("details").asString()).contains("timezone")
			.contains("booking_duration_minutes");
		assertThat(json.readTree(send("GET", "/api/assistant/" + id, owner, null, null).body())
			.path("greeting")
			.asString()).isEqualTo("Hallo!");
	}

	/**
	 * Ten registrations of one free-plan owner, released together by one latch: they
	 * reach the server as close together as its threads allow, and the owner's lock must
	 * let exactly one of them count below the limit.
	 */
	@Test
	void thePlanLimitHoldsUnderConcurrentRegistrations() throws Exception {
		long owner = users.incrementAndGet();
		List<Integer> statuses = AtOnce.run(10,
				(attempt) -> register(owner, Multipart.of(Multipart.originalRegistration())).statusCode());
		assertThat(statuses).containsOnly(201, 402);
		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
		HttpResponse<String> refused = register(owner, Multipart.of(Multipart.originalRegistration()));
		assertThat(json.readTree(refused.body()).path("error").asString()).isEqualTo("Plan limit reached");
		assertThat(json.readTree(refused.body()).path("details").asString()).contains("free plan allows 1");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM local_number n JOIN assistant a ON a.id = n.assistant_id "
					+ "WHERE a.owner_id = ?")
			.param(owner)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void publishesTheFullSnapshotAndReleasesTheNumberOnDelete() throws Exception {
		long owner = users.incrementAndGet();
		try (TopicWatcher events = TopicWatcher.on(Topics.ASSISTANT_EVENTS)) {
			JsonNode created = json.readTree(register(owner, Multipart.of(Multipart.originalRegistration())).body());
			long id = created.path("assistant_id").asLong();
			String number = created.path("twilio_number").asString();
			assertThat(send("DELETE", "/api/assistant/" + id, owner, null, null).statusCode()).isEqualTo(204);
			assertThat(send("GET", "/api/assistant/" + id, owner, null, null).statusCode()).isEqualTo(404);
			assertThat(this.jdbc.sql("SELECT assistant_id FROM local_number WHERE number = ?")
				.param(number)
				.query(Long.class)
				.optional()).isEmpty();

			List<ConsumerRecord<String, String>> records = events.awaitKeyed(String.valueOf(id), 2);
			assertThat(records).extracting(TopicWatcher::type)
				.containsExactly("assistant-created", "assistant-deleted");
			JsonNode snapshot = json.readTree(records.get(0).value()).path("assistant");
			assertThat(snapshot.path("ownerId").asLong()).isEqualTo(owner);
			assertThat(snapshot.path("timeZone").asString()).isEqualTo("America/New_York");
			assertThat(snapshot.path("slotMinutes").asInt()).isEqualTo(30);
			assertThat(snapshot.path("hours")).hasSize(3);
			assertThat(snapshot.path("twilioNumber").asString()).isEqualTo(number);
			assertThat(json.readTree(records.get(1).value()).path("releasedNumber").asString()).isEqualTo(number);
		}
	}

	@Test
	void aFailedPaymentSuspendsAndAPaidSubscriptionReactivates() throws Exception {
		long owner = users.incrementAndGet();
		long id = json.readTree(register(owner, Multipart.of(Multipart.originalRegistration())).body())
			.path("assistant_id")
			.asLong();
		publish(new PaymentFailed(UUID.randomUUID(), Instant.now(), owner, "sub_1", "in_1", 2900, "usd", 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> "suspended".equals(statusOf(owner, id)));

		SubscriptionChanged paid = new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_1", "basic",
				"active", Instant.now().plusSeconds(86400));
		publish(paid);
		publish(paid);
		await().atMost(Duration.ofSeconds(30)).until(() -> "active".equals(statusOf(owner, id)));
		// The basic plan allows a second assistant.
		assertThat(register(owner, Multipart.of(Multipart.originalRegistration())).statusCode()).isEqualTo(201);
	}

	@Test
	void myAgentsShowsThePlanAndTheAssistantsAsTheOriginalFrontendReadsThem() throws Exception {
		long owner = users.incrementAndGet();
		JsonNode empty = myAgents(owner);
		assertThat(empty.propertyNames()).containsExactly("user_info", "agents", "total_agents");
		JsonNode free = empty.path("user_info");
		assertThat(free.propertyNames()).containsExactly("plan", "subscription_status", "max_agents", "allowed_addons",
				"can_create_agent");
		assertThat(free.path("plan").asString()).isEqualTo("free");
		assertThat(free.path("subscription_status").asString()).isEqualTo("active");
		assertThat(free.path("max_agents").asInt()).isEqualTo(1);
		assertThat(free.path("allowed_addons").isArray()).isTrue();
		assertThat(free.path("allowed_addons").values()).extracting(JsonNode::asString)
			.containsExactly("voice", "booking");
		assertThat(free.path("can_create_agent").asBoolean()).isTrue();
		assertThat(empty.path("agents")).isEmpty();
		assertThat(empty.path("total_agents").asInt()).isZero();

		long first = json.readTree(register(owner, Multipart.of(Multipart.originalRegistration())).body())
			.path("assistant_id")
			.asLong();
		JsonNode one = myAgents(owner);
		assertThat(one.path("user_info").path("can_create_agent").asBoolean()).isFalse();
		assertThat(one.path("total_agents").asInt()).isEqualTo(1);
		JsonNode agent = one.path("agents").get(0);
		assertThat(agent.propertyNames()).containsExactly("id", "name", "agent_name", "business_name", "description",
				"start_time", "end_time", "booking_duration_minutes", "available_days", "twilio_number", "voice_type",
				"status", "features", "created_at");
		assertThat(agent.path("id").asLong()).isEqualTo(first);
		assertThat(agent.path("name").asString()).isEqualTo("Ava");
		assertThat(agent.path("agent_name").asString()).isEqualTo("Ava");
		assertThat(agent.path("business_name").asString()).isEqualTo("Bella Salon");
		assertThat(agent.path("description").asString()).isEmpty();
		assertThat(agent.path("start_time").asString()).isEqualTo("09:00");
		assertThat(agent.path("end_time").asString()).isEqualTo("17:00");
		assertThat(agent.path("booking_duration_minutes").asInt()).isEqualTo(30);
		assertThat(agent.path("available_days").propertyNames()).containsExactly("monday", "tuesday", "wednesday",
				"thursday", "friday", "saturday", "sunday");
		assertThat(agent.path("available_days").path("saturday").asBoolean()).isTrue();
		assertThat(agent.path("available_days").path("wednesday").asBoolean()).isFalse();
		assertThat(agent.path("twilio_number").asString()).startsWith("+1500555");
		assertThat(agent.path("voice_type").asString()).isEqualTo("female");
		assertThat(agent.path("status").asString()).isEqualTo("active");
		assertThat(agent.path("features").values()).extracting(JsonNode::asString).containsExactly("voice", "booking");
		assertThat(Instant.parse(agent.path("created_at").asString())).isBetween(Instant.now().minusSeconds(600),
				Instant.now());
		assertThat(myAgents(users.incrementAndGet()).path("agents")).isEmpty();

		publish(new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_2", "basic", "active",
				Instant.now().plusSeconds(86400)));
		await().atMost(Duration.ofSeconds(30)).until(() -> "basic".equals(userInfo(owner).path("plan").asString()));
		assertThat(userInfo(owner).path("max_agents").asInt()).isEqualTo(3);
		assertThat(userInfo(owner).path("can_create_agent").asBoolean()).isTrue();
		long second = json.readTree(register(owner, Multipart.of(Multipart.originalRegistration())).body())
			.path("assistant_id")
			.asLong();
		assertThat(myAgents(owner).path("agents").values()).extracting((node) -> node.path("id").asLong())
			.containsExactly(second, first);

		publish(new PaymentFailed(UUID.randomUUID(), Instant.now(), owner, "sub_2", "in_2", 2900, "usd", 1));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "past_due".equals(userInfo(owner).path("subscription_status").asString()));
		assertThat(userInfo(owner).path("plan").asString()).isEqualTo("basic");
		assertThat(userInfo(owner).path("can_create_agent").asBoolean()).isFalse();
		assertThat(myAgents(owner).path("agents").get(0).path("status").asString()).isEqualTo("suspended");

		publish(new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_2", "basic", "canceled",
				Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "canceled".equals(userInfo(owner).path("subscription_status").asString()));
		publish(new SubscriptionChanged(UUID.randomUUID(), Instant.now(), owner, "sub_3", "pro", "unpaid",
				Instant.now()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "inactive".equals(userInfo(owner).path("subscription_status").asString()));
		assertThat(userInfo(owner).path("allowed_addons").values()).extracting(JsonNode::asString)
			.containsExactly("voice", "chat", "booking", "crm", "analytics");
		assertThat(userInfo(owner).path("can_create_agent").asBoolean()).isFalse();
	}

	@Test
	void theCreatePageFormKeepsItsVoiceFeaturesAndFiles() throws Exception {
		long owner = users.incrementAndGet();
		Multipart form = Multipart
			.of(Map.of("user_id", String.valueOf(owner), "assistant_name", "Max", "business_name", "Max Law",
					"business_description", "Family law", "voice_type", "male", "enabled_features",
					"[\"voice\",\"booking\",\"crm\"]"))
			.file("files", "prices.pdf", "%PDF-1.4 prices")
			.file("files", "faq.txt", "questions");
		HttpResponse<String> created = register(owner, "/api/register/assistant", form);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(json.readTree(created.body()).path("warnings").get(0).asString()).contains("2 file(s)");
		JsonNode agent = myAgents(owner).path("agents").get(0);
		assertThat(agent.path("voice_type").asString()).isEqualTo("male");
		assertThat(agent.path("features").values()).extracting(JsonNode::asString)
			.containsExactly("voice", "booking", "crm");

		HttpResponse<String> refused = register(owner, "/api/register/assistant", Multipart.of(Map.of("assistant_name",
				"Max", "business_name", "Max Law", "voice_type", "robot", "enabled_features", "voice")));
		assertThat(details(refused)).isEqualTo("voice_type: must be male or female; "
				+ "enabled_features: must be a JSON array of feature names, like [\"voice\",\"booking\"]");
	}

	@Test
	void theDashboardSaveIsAnsweredUnderAssistantAndKeepsFinerHours() throws Exception {
		long owner = users.incrementAndGet();
		long id = json.readTree(register(owner, Multipart.of(Multipart.originalRegistration())).body())
			.path("assistant_id")
			.asLong();
		assertThat(send("PATCH", "/api/assistant/" + id, owner, """
				{"hours": {"monday": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}],
				           "friday": [{"start": "10:00", "end": "14:00"}]}}
				""", "application/json").statusCode()).isEqualTo(200);

		// What the dashboard card sends on save: every field, the hours as it was shown
		// them.
		HttpResponse<String> saved = send("PATCH", "/api/assistant/" + id, owner, """
				{"receptionist_name": "Eve", "business_name": "Bella Spa", "description": "Nails",
				 "start_time": "09:00", "end_time": "18:00", "booking_duration_minutes": 45,
				 "available_days": {"monday": true, "tuesday": false, "wednesday": false, "thursday": false,
				                    "friday": true, "saturday": false, "sunday": false},
				 "voice_type": "male"}
				""", "application/json");
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		JsonNode answer = json.readTree(saved.body());
		assertThat(answer.path("message").asString()).isEqualTo("Assistant updated successfully");
		assertThat(answer.path("updated_fields").values()).extracting(JsonNode::asString)
			.containsExactly("business_name", "receptionist_name", "start_time", "end_time", "available_days",
					"booking_duration_minutes", "voice_type", "description");
		JsonNode assistant = answer.path("assistant");
		assertThat(assistant.path("name").asString()).isEqualTo("Eve");
		assertThat(assistant.path("business_name").asString()).isEqualTo("Bella Spa");
		assertThat(assistant.path("description").asString()).isEqualTo("Nails");
		assertThat(assistant.path("start_time").asString()).isEqualTo("09:00");
		assertThat(assistant.path("end_time").asString()).isEqualTo("18:00");
		assertThat(assistant.path("booking_duration_minutes").asInt()).isEqualTo(45);
		assertThat(assistant.path("available_days").path("friday").asBoolean()).isTrue();
		assertThat(assistant.path("voice_type").asString()).isEqualTo("male");
		assertThat(assistant.path("hours").path("monday")).hasSize(2);
		assertThat(assistant.path("hours").path("friday").get(0).path("start").asString()).isEqualTo("10:00");

		HttpResponse<String> changed = send("PATCH", "/api/assistant/" + id, owner,
				"{\"start_time\": \"08:00\", \"end_time\": \"18:00\", \"available_days\": {\"monday\": true, \"friday\": true}}",
				"application/json");
		assertThat(json.readTree(changed.body()).path("assistant").path("hours").path("monday")).hasSize(1);
		assertThat(json.readTree(changed.body())
			.path("assistant")
			.path("hours")
			.path("friday")
			.get(0)
			.path("start")
			.asString()).isEqualTo("08:00");
	}

	private JsonNode myAgents(long owner) throws Exception {
		HttpResponse<String> response = send("GET", "/api/my-agents", owner, null, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode userInfo(long owner) throws Exception {
		return myAgents(owner).path("user_info");
	}

	private static String details(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		return json.readTree(response.body()).path("details").asString();
	}

	private String statusOf(long owner, long id) throws Exception {
		return json.readTree(send("GET", "/api/assistant/" + id, owner, null, null).body()).path("status").asString();
	}

	private HttpResponse<String> register(long owner, Multipart form) throws Exception {
		return register(owner, "/api/register", form);
	}

	private HttpResponse<String> register(long owner, String path, Multipart form) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.forUser(owner))
			.header("Content-Type", form.contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, long user, String body, String contentType)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.forUser(user))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private static void publish(Object event) throws Exception {
		Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
				"spring.json.type.mapping", EventCatalog.kafkaTypeMappings());
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				new JacksonJsonSerializer<>())) {
			producer.send(new ProducerRecord<>(Topics.BILLING_EVENTS, "key", event)).get();
		}
	}

}
