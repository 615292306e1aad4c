package io.vocalhost.booking.reservation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.common.events.DomainEvent;
import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.assistant.AssistantUpdated;
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
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Slots and bookings over real HTTP on the real database and Kafka, with schedules
 * arriving as assistant events: the original response shapes, no double booking under
 * contention (enforced by the database), the time rules, ownership and the replica
 * following the assistant. The races release 200 requests at once onto a pool of 10
 * connections; on a loaded 2-core machine the last of them can wait longer than the
 * production pool's 3 s and get a 503, which is right under overload but not what the
 * race tests, so the pool waits longer here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.hikari.connection-timeout=30000")
@RealInfrastructure
class BookingIntegrationTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1_000_000) * 1000);

	private static final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(16)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Schedules schedules;

	@Autowired
	JdbcClient jdbc;

	@Test
	void listsFreeSlotsBooksCancelsInTheOriginalShapes() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(2);

		JsonNode slots = json.readTree(get("/api/slots/" + assistant + "?date=" + day, owner).body());
		assertThat(slots.path("date").asString()).isEqualTo(day.toString());
		assertThat(slots.path("day").asString())
			.isEqualTo(day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
		assertThat(slots.path("business_hours").asString()).isEqualTo("09:00 - 17:00");
		assertThat(slots.path("slot_duration").asInt()).isEqualTo(30);
		assertThat(slots.path("slots")).hasSize(16);
		assertThat(slots.path("slots").get(0).asString()).isEqualTo("9:00 AM");
		assertThat(slots.path("slots").get(15).asString()).isEqualTo("4:30 PM");

		HttpResponse<String> booked = book(owner, assistant, day, "10:30", "Bob Miller", "+4917612345678");
		assertThat(booked.statusCode()).isEqualTo(201);
		long bookingId = json.readTree(booked.body()).path("id").asLong();
		assertThat(json.readTree(get("/api/slots/" + assistant + "?date=" + day, owner).body())
			.path("slots")
			.valueStream()
			.map(JsonNode::asString)).doesNotContain("10:30 AM").hasSize(15);

		JsonNode bookings = json
			.readTree(get("/api/bookings/" + assistant + "?start_date=" + day + "&end_date=" + day.plusDays(1), owner)
				.body());
		JsonNode entry = bookings.path("bookings").get(0);
		assertThat(entry.path("id").asLong()).isEqualTo(bookingId);
		assertThat(entry.path("date").asString()).isEqualTo(day.toString());
		assertThat(entry.path("time").asString()).isEqualTo("10:30");
		assertThat(entry.path("customer_name").asString()).isEqualTo("Bob Miller");
		assertThat(entry.has("details")).isTrue();
		assertThat(entry.has("created_at")).isTrue();
		JsonNode daySlots = bookings.path("slots").path(day.toString());
		assertThat(daySlots).hasSize(16);
		assertThat(daySlots.get(3).path("time").asString()).isEqualTo("10:30");
		assertThat(daySlots.get(3).path("is_booked").asBoolean()).isTrue();
		assertThat(daySlots.get(2).path("is_booked").asBoolean()).isFalse();
		assertThat(bookings.path("slots").has(day.plusDays(1).toString())).isTrue();
		assertThat(bookings.path("business_hours").asString()).isEqualTo("09:00 - 17:00");

		HttpResponse<String> again = book(owner, assistant, day, "10:30", "Eve", "+4917600000000");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json.readTree(again.body()).path("error").asString()).isEqualTo("Slot no longer available");

		assertThat(send("DELETE", "/api/bookings/" + assistant + "/" + bookingId, owner, null).statusCode())
			.isEqualTo(204);
		assertThat(json.readTree(get("/api/slots/" + assistant + "?date=" + day, owner).body()).path("slots"))
			.hasSize(16);
		assertThat(book(owner, assistant, day, "10:30", "Eve", "+4917600000000").statusCode()).isEqualTo(201);
	}

	@Test
	void reschedulesWithinTheRulesAndListsCustomersWithTheirBookings() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(4);
		long first = bookedId(owner, assistant, day, "09:00", "Bob", "+4917612345678");
		book(owner, assistant, day, "10:00", "Bob", "+4917612345678");
		book(owner, assistant, day, "11:00", "Carla", "+4917699999999");

		HttpResponse<String> moved = send("PATCH", "/api/bookings/" + assistant + "/" + first, owner,
				"{\"date\":\"" + day + "\",\"time\":\"14:30\"}");
		assertThat(moved.statusCode()).isEqualTo(200);
		assertThat(json.readTree(moved.body()).path("time").asString()).isEqualTo("14:30");
		assertThat(json.readTree(moved.body()).path("end_time").asString()).isEqualTo("15:00");
		assertThat(send("PATCH", "/api/bookings/" + assistant + "/" + first, owner,
				"{\"date\":\"" + day + "\",\"time\":\"11:00\"}")
			.statusCode()).isEqualTo(409);
		assertThat(send("PATCH", "/api/bookings/" + assistant + "/" + first, owner,
				"{\"date\":\"" + day + "\",\"time\":\"20:00\"}")
			.statusCode()).isEqualTo(422);
		assertThat(json.readTree(get("/api/slots/" + assistant + "?date=" + day, owner).body())
			.path("slots")
			.valueStream()
			.map(JsonNode::asString)).contains("9:00 AM").doesNotContain("2:30 PM");

		JsonNode customers = json.readTree(get("/api/customers?assistant_id=" + assistant, owner).body())
			.path("customers");
		assertThat(customers).hasSize(2);
		JsonNode bob = customers.valueStream()
			.filter((customer) -> customer.path("phone").asString().equals("+4917612345678"))
			.findFirst()
			.orElseThrow();
		assertThat(bob.path("booking_count").asLong()).isEqualTo(2);
		assertThat(bob.path("name").asString()).isEqualTo("Bob");
		assertThat(bob.has("last_contact")).isTrue();
		assertThat(get("/api/customers?assistant_id=" + assistant, ids.incrementAndGet()).statusCode()).isEqualTo(404);
	}

	@Test
	void publishesCreatedRescheduledAndCancelledKeyedByTheBooking() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(6);
		try (TopicWatcher events = TopicWatcher.on(Topics.BOOKING_EVENTS)) {
			long id = bookedId(owner, assistant, day, "09:00", "Dana", "+4917611112222");
			assertThat(send("PATCH", "/api/bookings/" + assistant + "/" + id, owner,
					"{\"date\":\"" + day + "\",\"time\":\"13:00\"}")
				.statusCode()).isEqualTo(200);
			assertThat(send("DELETE", "/api/bookings/" + assistant + "/" + id, owner, null).statusCode())
				.isEqualTo(204);

			List<ConsumerRecord<String, String>> records = events.awaitKeyed(String.valueOf(id), 3);
			assertThat(records).extracting(TopicWatcher::type)
				.containsExactly("booking-created", "booking-rescheduled", "booking-cancelled");
			JsonNode created = json.readTree(records.get(0).value());
			assertThat(created.path("assistantId").asLong()).isEqualTo(assistant);
			assertThat(created.path("customerPhone").asString()).isEqualTo("+4917611112222");
			assertThat(Instant.parse(created.path("start").asString()))
				.isEqualTo(day.atTime(9, 0).atZone(BERLIN).toInstant());
			JsonNode moved = json.readTree(records.get(1).value());
			assertThat(Instant.parse(moved.path("previousStart").asString()))
				.isEqualTo(day.atTime(9, 0).atZone(BERLIN).toInstant());
			assertThat(Instant.parse(moved.path("start").asString()))
				.isEqualTo(day.atTime(13, 0).atZone(BERLIN).toInstant());
			assertThat(json.readTree(records.get(2).value()).path("bookingId").asLong()).isEqualTo(id);
		}
	}

	@Test
	void theSameIdempotencyKeyTwentyTimesAtOnceGivesOneBookingAndIdenticalAnswers() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(5);
		String request = "{\"date\":\"" + day + "\",\"time\":\"13:00\",\"customer_name\":\"Dora\","
				+ "\"customer_phone\":\"+4917611111111\",\"details\":\"Color\"}";
		List<HttpResponse<String>> answers = AtOnce.run(20, (attempt) -> asBridge("POST",
				"/internal/assistants/" + assistant + "/bookings", request, "call-42-book"));
		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(201);
		assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
		assertThat(bookingsOf(assistant)).isEqualTo(1);

		HttpResponse<String> reused = asBridge("POST", "/internal/assistants/" + assistant + "/bookings",
				request.replace("13:00", "14:00"), "call-42-book");
		assertError(reused, 422, "different booking request");
		assertError(asBridge("POST", "/internal/assistants/" + assistant + "/bookings", request, null), 400,
				"Idempotency-Key");
	}

	@Test
	void aHeldSlotIsBookableOnlyByItsHolder() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(6);
		String slot = "{\"date\":\"" + day + "\",\"time\":\"15:00\",\"holder\":\"call-1\"}";
		HttpResponse<String> held = asBridge("POST", "/internal/assistants/" + assistant + "/holds", slot, null);
		assertThat(held.statusCode()).isEqualTo(201);
		String holdId = json.readTree(held.body()).path("hold_id").asString();

		assertThat(
				asBridge("POST", "/internal/assistants/" + assistant + "/holds", slot.replace("call-1", "call-2"), null)
					.statusCode())
			.isEqualTo(409);
		JsonNode free = json.readTree(asBridge("GET",
				"/internal/assistants/" + assistant + "/free-slots?from=" + day + "&to=" + day, null, null)
			.body());
		assertThat(free.path("time_zone").asString()).isEqualTo("Europe/Berlin");
		assertThat(free.path("slots").valueStream().map((entry) -> entry.path("time").asString())).contains("14:30")
			.doesNotContain("15:00");
		assertError(book(owner, assistant, day, "15:00", "Eve", "+4917600000000"), 409, "holding");
		assertThat(json.readTree(get("/api/slots/" + assistant + "?date=" + day, owner).body())
			.path("slots")
			.valueStream()
			.map(JsonNode::asString)).contains("2:30 PM").doesNotContain("3:00 PM");

		String booking = "{\"date\":\"" + day + "\",\"time\":\"15:00\",\"customer_name\":\"Finn\","
				+ "\"customer_phone\":\"+4917622222222\",\"hold_id\":\"" + holdId + "\"}";
		assertThat(asBridge("POST", "/internal/assistants/" + assistant + "/bookings", booking, "call-1-book")
			.statusCode()).isEqualTo(201);

		HttpResponse<String> moved = asBridge("POST", "/internal/assistants/" + assistant + "/bookings/reschedule",
				"{\"customer_phone\":\"+4917622222222\",\"date\":\"" + day + "\",\"time\":\"16:00\"}", null);
		assertThat(json.readTree(moved.body()).path("time").asString()).isEqualTo("16:00");
		assertThat(asBridge("POST", "/internal/assistants/" + assistant + "/bookings/cancel",
				"{\"customer_phone\":\"+4917622222222\"}", null)
			.statusCode()).isEqualTo(200);
		assertThat(bookingsOf(assistant)).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM booking WHERE assistant_id = ? AND status = 'active'")
			.param(assistant)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theServiceApiNeedsAServiceTokenWithItsScope() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(2);
		HttpResponse<String> asUser = send("GET",
				"/internal/assistants/" + assistant + "/free-slots?from=" + day + "&to=" + day, owner, null);
		assertThat(asUser.statusCode()).isEqualTo(403);
	}

	@Test
	void twoHundredAttemptsOnTenSlotsGiveExactlyTenBookings() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(14, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(3);
		List<Integer> statuses = AtOnce.run(200,
				(attempt) -> book(owner, assistant, day,
						LocalTime.of(9, 0).plusMinutes(30L * (attempt % 10)).toString(), "Caller " + attempt,
						"+491761" + String.format("%07d", attempt))
					.statusCode());
		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(10);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(190);
		assertThat(statuses).noneMatch((status) -> status >= 500);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM booking a JOIN booking b ON a.assistant_id = b.assistant_id AND a.id < b.id
				WHERE a.assistant_id = ? AND a.status = 'active' AND b.status = 'active'
				AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
				""").param(assistant).query(Long.class).single()).isZero();

		// Cancel one and let 20 callers race for the freed slot: exactly one gets it.
		long freed = this.jdbc
			.sql("SELECT id FROM booking WHERE assistant_id = ? AND status = 'active' ORDER BY starts_at LIMIT 1")
			.param(assistant)
			.query(Long.class)
			.single();
		assertThat(send("DELETE", "/api/bookings/" + assistant + "/" + freed, owner, null).statusCode()).isEqualTo(204);
		List<Integer> rebooked = AtOnce.run(20, (attempt) -> book(owner, assistant, day, "09:00", "Rebook " + attempt,
				"+491762" + String.format("%07d", attempt))
			.statusCode());
		assertThat(rebooked).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(rebooked).filteredOn((status) -> status == 409).hasSize(19);
	}

	@Test
	void overlappingRangesOfDifferentLengthsConflictBackToBackOnesDoNot() {
		long assistant = ids.incrementAndGet();
		Instant base = Instant.parse("2030-01-07T08:00:00Z");
		for (int repetition = 0; repetition < 100; repetition++) {
			Instant start = base.plus(Duration.ofDays(repetition));
			int firstLength = 15 * ThreadLocalRandom.current().nextInt(1, 9);
			int overlapAt = ThreadLocalRandom.current().nextInt(-firstLength + 1, firstLength);
			int secondLength = 15 * ThreadLocalRandom.current().nextInt(1, 9);
			insert(assistant, start, start.plus(Duration.ofMinutes(firstLength)));
			Instant otherStart = start.plus(Duration.ofMinutes(overlapAt));
			Instant otherEnd = otherStart.plus(Duration.ofMinutes(secondLength));
			if (otherEnd.isAfter(start)) {
				assertThatExceptionOfType(DataIntegrityViolationException.class)
					.isThrownBy(() -> insert(assistant, otherStart, otherEnd));
			}
			insert(assistant, start.plus(Duration.ofMinutes(firstLength)),
					start.plus(Duration.ofMinutes(firstLength + secondLength)));
		}
	}

	@Test
	void refusesBadInputByFieldAndUnbookableTimesWith422WritingNothing() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(2);
		long before = bookingsOf(assistant);

		assertError(get("/api/slots/" + assistant + "?date=2026-13-45", owner), 400, "date");
		assertError(get("/api/bookings/" + assistant + "?start_date=" + day + "&end_date=" + day.plusDays(63), owner),
				400, "end_date");
		assertError(get("/api/bookings/" + assistant + "?start_date=" + day + "&end_date=" + day.minusDays(1), owner),
				400, "end_date");
		assertError(book(owner, assistant, day, "9am", "", "0176"), 400, "time");
		assertError(book(owner, assistant, day, "09:00", "Bob", "0176"), 400, "customer_phone");
		assertError(book(owner, assistant, LocalDate.now(BERLIN).minusDays(1), "10:00", "Bob", "+4917612345678"), 422,
				"past");
		assertError(book(owner, assistant, day, "18:00", "Bob", "+4917612345678"), 422, "outside the business hours");
		assertError(book(owner, assistant, day, "16:45", "Bob", "+4917612345678"), 422, "outside the business hours");
		assertThat(bookingsOf(assistant)).isEqualTo(before);
	}

	@Test
	void anotherUsersAssistantIsNotFound() throws Exception {
		long owner = ids.incrementAndGet();
		long stranger = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(2);
		assertThat(get("/api/slots/" + assistant, stranger).statusCode()).isEqualTo(404);
		assertThat(get("/api/bookings/" + assistant, stranger).statusCode()).isEqualTo(404);
		assertThat(book(stranger, assistant, day, "10:00", "Mallory", "+4917612345678").statusCode()).isEqualTo(404);
		assertThat(get("/api/slots/" + ids.incrementAndGet(), owner).statusCode()).isEqualTo(404);

		long bookingId = bookedId(owner, assistant, day, "11:00", "Bob", "+4917612345678");
		String booking = "/api/bookings/" + assistant + "/" + bookingId;
		assertThat(get(booking, stranger).statusCode()).isEqualTo(404);
		assertThat(send("PATCH", booking, stranger, "{\"date\":\"" + day + "\",\"time\":\"12:00\"}").statusCode())
			.isEqualTo(404);
		assertThat(send("DELETE", booking, stranger, null).statusCode()).isEqualTo(404);
		JsonNode unchanged = json.readTree(get(booking, owner).body());
		assertThat(unchanged.path("time").asString()).isEqualTo("11:00");
		assertThat(unchanged.path("status").asString()).isEqualTo("active");
	}

	@Test
	void theReplicaFollowsTheAssistantSuspensionAndDeletion() throws Exception {
		long owner = ids.incrementAndGet();
		long assistant = assistant(owner, LocalTime.of(9, 0), LocalTime.of(17, 0), 30);
		LocalDate day = LocalDate.now(BERLIN).plusDays(2);
		long bookingId = bookedId(owner, assistant, day, "11:00", "Bob", "+4917612345678");

		publish(new AssistantUpdated(UUID.randomUUID(), Instant.now(),
				snapshot(assistant, owner, LocalTime.of(10, 0), LocalTime.of(12, 0), 60, "suspended")));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.schedules.find(assistant).map((schedule) -> !schedule.takesBookings()).orElse(false));
		assertError(book(owner, assistant, day, "10:00", "Eve", "+4917600000000"), 422, "suspended");
		JsonNode slots = json.readTree(get("/api/slots/" + assistant + "?date=" + day, owner).body());
		assertThat(slots.path("slot_duration").asInt()).isEqualTo(60);

		publish(new AssistantDeleted(UUID.randomUUID(), Instant.now(), assistant, owner, null));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.schedules.find(assistant).isEmpty());
		assertThat(
				this.jdbc.sql("SELECT status FROM booking WHERE id = ?").param(bookingId).query(String.class).single())
			.isEqualTo("cancelled");
		assertThat(get("/api/slots/" + assistant, owner).statusCode()).isEqualTo(404);
	}

	private long assistant(long owner, LocalTime open, LocalTime close, int slotMinutes) throws Exception {
		long assistant = ids.incrementAndGet();
		publish(new AssistantCreated(UUID.randomUUID(), Instant.now(),
				snapshot(assistant, owner, open, close, slotMinutes, "active")));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.schedules.find(assistant).isPresent());
		return assistant;
	}

	private static AssistantSnapshot snapshot(long assistant, long owner, LocalTime open, LocalTime close,
			int slotMinutes, String status) {
		List<OpeningHours> hours = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.add(new OpeningHours(day, open, close));
		}
		return new AssistantSnapshot(assistant, owner, "Ava", "Bella Salon", "", BERLIN.getId(), hours, slotMinutes,
				"female", null, "+4930123456", null, status);
	}

	private void insert(long assistant, Instant start, Instant end) {
		this.jdbc
			.sql("INSERT INTO booking (assistant_id, customer_name, starts_at, ends_at, source, created_at) "
					+ "VALUES (?, 'x', ?, ?, 'test', now())")
			.params(assistant, start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC))
			.update();
	}

	private long bookingsOf(long assistant) {
		return this.jdbc.sql("SELECT count(*) FROM booking WHERE assistant_id = ?")
			.param(assistant)
			.query(Long.class)
			.single();
	}

	private static void assertError(HttpResponse<String> response, int status, String mention) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json.readTree(response.body()).path("details").asString()).contains(mention);
	}

	/** Books and answers the new booking's id. */
	private long bookedId(long owner, long assistant, LocalDate day, String time, String name, String phone)
			throws Exception {
		HttpResponse<String> response = book(owner, assistant, day, time, name, phone);
		assertThat(response.statusCode()).isEqualTo(201);
		return json.readTree(response.body()).path("id").asLong();
	}

	private HttpResponse<String> book(long owner, long assistant, LocalDate day, String time, String name, String phone)
			throws Exception {
		String body = json.writeValueAsString(Map.of("date", day.toString(), "time", time, "customer_name", name,
				"customer_phone", phone, "details", "Haircut"));
		return send("POST", "/api/bookings/" + assistant, owner, body);
	}

	/** A call from the voice bridge with its service token. */
	private HttpResponse<String> asBridge(String method, String path, String body, String idempotencyKey)
			throws Exception {
		Map<String, Object> claims = TestTokens.claims(0);
		claims.put("sub", "service:voice-bridge-service");
		claims.remove("sid");
		claims.put("scope", "bookings:read bookings:write");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.sign(TestTokens.header(), claims))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, long user) throws Exception {
		return send("GET", path, user, null);
	}

	private HttpResponse<String> send(String method, String path, long user, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.forUser(user))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void publish(DomainEvent event) throws Exception {
		Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
				"spring.json.type.mapping", EventCatalog.kafkaTypeMappings());
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				new JacksonJsonSerializer<>())) {
			producer.send(new ProducerRecord<>(Topics.ASSISTANT_EVENTS, "assistant", event)).get();
		}
	}

}
