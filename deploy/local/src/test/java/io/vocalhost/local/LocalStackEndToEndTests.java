package io.vocalhost.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vocalhost.infra.FreePorts;
import io.vocalhost.testsupport.Multipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the system exactly as {@code ./vocalhost up} does (real PostgreSQL, real Kafka,
 * the OIDC stand-in, seven service JVMs), on free ports, and drives it through the
 * gateway.
 */
class LocalStackEndToEndTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

	/** A request through the gateway that only the named service answers. */
	private static final Map<String, String> ROUTED_REQUEST = new LinkedHashMap<>();

	static {
		ROUTED_REQUEST.put("auth-service", "/api/auth/no-such-endpoint");
		ROUTED_REQUEST.put("assistant-service", "/api/assistants");
		ROUTED_REQUEST.put("booking-service", "/api/slots/1?date=2026-12-01");
		ROUTED_REQUEST.put("billing-service", "/stripe/webhook");
		ROUTED_REQUEST.put("voice-bridge-service", "/voice/voice");
		ROUTED_REQUEST.put("rag-service", "/api/rag/index_files");
	}

	@TempDir
	Path data;

	@Test
	void theWholeSystemRunsBehindTheGatewayAndSurvivesAServiceOutage() throws Exception {
		Path root = Path.of("").toAbsolutePath().resolve("../..").normalize();
		int realtimePort = FreePorts.find();
		Path script = this.data.resolve("receptionist.json");
		Files.writeString(script, RECEPTIONIST_SCRIPT);
		// The voice bridge talks to a scripted Realtime stand-in, as a user tries it
		// without an OpenAI key (docs/local-stack.md).
		StackLayout layout = StackLayout.freePorts(root, this.data)
			.withServiceSettings(Map.of(), Map.of("voice-bridge-service", Map.of("OPENAI_API_KEY", "stand-in",
					"OPENAI_REALTIME_URL", "ws://127.0.0.1:" + realtimePort + "/v1/realtime")));
		Map<String, Long> pids;
		try (CallSimulatorCommand realtime = CallSimulatorCommand.realtimeStandIn(root, realtimePort, script,
				this.data.resolve("realtime-stand-in.log"));
				LocalStack stack = LocalStack.start(layout, Duration.ofMinutes(10))) {
			pids = stack.servicePids();
			assertThat(statusOfEveryService(layout)).hasSize(7)
				.allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo("UP"));
			BrowserSession ann = BrowserSession.signIn(layout, "ann");
			BrowserSession bob = BrowserSession.signIn(layout, "bob");
			assertThat(ann.me().path("user").path("email").asString()).isEqualTo("ann@example.com");
			assertThat(bob.me().path("user").path("name").asString()).isEqualTo("bob");
			ROUTED_REQUEST.forEach((service, path) -> assertServedBy(ann, path, service));
			eachOwnsOnlyTheirAssistant(ann, bob);
			Registered praxis = booksWithoutEverDoubleBooking(ann, bob);
			theAssistantBooksDuringACall(layout, bob, praxis);
			theOriginalFrontendWorksUnchanged(layout);

			JsonNode bookingApi = json.readTree(get(layout, "/openapi/booking-service").body());
			assertThat(bookingApi.path("info").path("title").asString()).isEqualTo("booking-service");

			stack.stopService("booking-service");
			HttpResponse<String> down = ann.get(ROUTED_REQUEST.get("booking-service"));
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(json.readTree(down.body()).path("error").asString()).isEqualTo("Service unavailable");
			assertServedBy(ann, ROUTED_REQUEST.get("auth-service"), "auth-service");
			assertThat(statusOfEveryService(layout)).containsEntry("booking-service", "DOWN");

			stack.restartService("booking-service", Duration.ofMinutes(2));
			assertServedBy(ann, ROUTED_REQUEST.get("booking-service"), "booking-service");

			String annToken = ann.accessToken();
			String gatewayUrl = layout.gatewayUrl();
			assertThat(bearerStatus(gatewayUrl, annToken)).isNotEqualTo(401);
			assertThat(ann.logout()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(ann.get("/api/auth/user/me").statusCode()).isEqualTo(401);
				assertThat(ann.get(ROUTED_REQUEST.get("booking-service")).statusCode()).isEqualTo(401);
				assertThat(bearerStatus(gatewayUrl, annToken)).isEqualTo(401);
				assertThat(bearerStatus("http://localhost:" + layout.portOf("booking-service"), annToken))
					.isEqualTo(401);
			});
			assertThat(bob.me().path("user").path("name").asString()).isEqualTo("bob");
		}
		assertThat(pids.values())
			.allSatisfy((pid) -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %s", pid)
				.isNotEqualTo(Optional.of(true)));
		List<Integer> ports = new ArrayList<>(layout.servicePorts().values());
		ports.addAll(List.of(layout.postgresPort(), layout.kafkaPort(), layout.oidcPort()));
		ports.forEach(LocalStackEndToEndTests::assertPortFree);
	}

	private static Map<String, String> statusOfEveryService(StackLayout layout) throws Exception {
		HttpResponse<String> response = get(layout, "/api/system/status");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, String> status = new LinkedHashMap<>();
		json.readTree(response.body())
			.path("services")
			.forEach((service) -> status.put(service.path("name").asString(), service.path("status").asString()));
		return status;
	}

	/**
	 * Registers with the original form fields through the gateway, then edits; the other
	 * user sees nothing.
	 */
	private static void eachOwnsOnlyTheirAssistant(BrowserSession ann, BrowserSession bob) throws Exception {
		Multipart form = Multipart.of(Map.of("business_name", "Bella Salon", "receptionist_name", "Ava", "start_time",
				"09:00", "end_time", "17:00", "booking_duration_minutes", "30", "phone_number", "+4930123456",
				"available_days", "{\"monday\":true,\"friday\":true}", "voice_type", "female"));
		HttpResponse<String> created = ann.change("POST", "/api/register", form.contentType(), form.bytes());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode body = json.readTree(created.body());
		long id = body.path("assistant_id").asLong();
		assertThat(body.path("twilio_number").asString()).startsWith("+1500555");

		HttpResponse<String> edited = ann.change("PATCH", "/api/assistant/" + id, "application/json",
				"{\"timezone\":\"Europe/Berlin\",\"start_time\":\"10:00\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(edited.statusCode()).isEqualTo(200);
		assertThat(json.readTree(edited.body()).path("timezone").asString()).isEqualTo("Europe/Berlin");
		assertThat(json.readTree(ann.get("/api/assistants").body()).path("assistants")).hasSize(1);

		assertThat(json.readTree(bob.get("/api/assistants").body()).path("assistants")).isEmpty();
		assertThat(bob.get("/api/assistant/" + id).statusCode()).isEqualTo(404);
		assertThat(bob
			.change("PATCH", "/api/assistant/" + id, "application/json",
					"{\"greeting\":\"mine\"}".getBytes(StandardCharsets.UTF_8))
			.statusCode()).isEqualTo(404);
	}

	/**
	 * The scheduling acceptance: an assistant open 09:00-17:00 in Europe/Berlin with
	 * 30-minute slots reaches booking-service through Kafka; a slot booked tomorrow
	 * disappears, is marked booked, cannot be booked twice, and is free again once
	 * cancelled.
	 */
	private static Registered booksWithoutEverDoubleBooking(BrowserSession ann, BrowserSession bob) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("business_name", "Praxis Berlin");
		fields.put("receptionist_name", "Lena");
		fields.put("start_time", "09:00");
		fields.put("end_time", "17:00");
		fields.put("booking_duration_minutes", "30");
		fields.put("phone_number", "+4930123456");
		fields.put("available_days", "{\"monday\":true,\"tuesday\":true,\"wednesday\":true,\"thursday\":true,"
				+ "\"friday\":true,\"saturday\":true,\"sunday\":true}");
		fields.put("voice_type", "female");
		fields.put("timezone", "Europe/Berlin");
		Multipart form = Multipart.of(fields);
		// Bob registers: Ann already used her free plan's one assistant.
		HttpResponse<String> created = bob.change("POST", "/api/register", form.contentType(), form.bytes());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long assistant = json.readTree(created.body()).path("assistant_id").asLong();
		String tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).toString();
		String slotsPath = "/api/slots/" + assistant + "?date=" + tomorrow;

		await().atMost(Duration.ofSeconds(30)).until(() -> bob.get(slotsPath).statusCode() == 200);
		assertThat(json.readTree(bob.get(slotsPath).body()).path("slots")).hasSize(16);
		byte[] booking = ("{\"date\":\"" + tomorrow + "\",\"time\":\"10:00\",\"customer_name\":\"Jonas\","
				+ "\"customer_phone\":\"+4917612345678\",\"details\":\"Checkup\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> booked = bob.change("POST", "/api/bookings/" + assistant, "application/json", booking);
		assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
		long bookingId = json.readTree(booked.body()).path("id").asLong();
		assertThat(json.readTree(bob.get(slotsPath).body()).path("slots").valueStream().map(JsonNode::asString))
			.hasSize(15)
			.doesNotContain("10:00 AM");
		JsonNode listed = json.readTree(
				bob.get("/api/bookings/" + assistant + "?start_date=" + tomorrow + "&end_date=" + tomorrow).body());
		assertThat(listed.path("bookings").get(0).path("time").asString()).isEqualTo("10:00");
		assertThat(listed.path("slots").path(tomorrow).get(2).path("is_booked").asBoolean()).isTrue();
		assertThat(bob.change("POST", "/api/bookings/" + assistant, "application/json", booking).statusCode())
			.isEqualTo(409);
		assertThat(ann.get(slotsPath).statusCode()).isEqualTo(404);
		assertThat(bob.change("DELETE", "/api/bookings/" + assistant + "/" + bookingId, "application/json", new byte[0])
			.statusCode()).isEqualTo(204);
		assertThat(json.readTree(bob.get(slotsPath).body()).path("slots")).hasSize(16);
		return new Registered(assistant, json.readTree(created.body()).path("twilio_number").asString());
	}

	/**
	 * Issue 13's acceptance: a simulated call (the call simulator as {@code ./vocalhost
	 * call} runs it) whose Realtime stand-in asks for tomorrow's availability, then books
	 * 10:00 for Jon. The booking is the caller's, by the number they called from; the
	 * call shows its tool calls and a summary; the slot is gone. The same caller's second
	 * booking is refused by its checkpoint, and the business's documents (none) say
	 * nothing. A second caller playing the same script is offered alternatives for 10:00,
	 * books 11:00 and, cancelling, cancels only their own booking.
	 */
	private static void theAssistantBooksDuringACall(StackLayout layout, BrowserSession bob, Registered praxis)
			throws Exception {
		String jon = "+15550100199";
		String printed = call(layout, bob, praxis, jon, "3,9,15,21", 26);
		String tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1).toString();
		String bookingsPath = "/api/bookings/" + praxis.assistantId() + "?start_date=" + tomorrow + "&end_date="
				+ tomorrow;
		JsonNode bookings = json.readTree(bob.get(bookingsPath).body());
		assertThat(bookings.path("bookings")).as(printed).singleElement().satisfies((booking) -> {
			assertThat(booking.path("time").asString()).isEqualTo("10:00");
			assertThat(booking.path("customer_name").asString()).isEqualTo("Jon");
		});
		long bookingId = bookings.at("/bookings/0/id").asLong();
		assertThat(json.readTree(bob.get("/api/bookings/" + praxis.assistantId() + "/" + bookingId).body())
			.path("customer_phone")
			.asString()).isEqualTo(jon);
		assertThat(freeSlots(bob, praxis, tomorrow)).hasSize(15).doesNotContain("10:00 AM");
		JsonNode call = lastCall(bob, praxis);
		assertThat(call.path("summary").asString()).as(printed).contains(jon, "Booked", "10:00", "Jon");
		JsonNode tools = call.path("tool_calls");
		assertThat(tools.valueStream().map((tool) -> tool.path("name").asString())).as(printed)
			.containsExactly("check_availability", "book_appointment", "book_appointment", "search_knowledge");
		assertThat(tools.at("/0/output/free_times").valueStream().map(JsonNode::asString)).contains("10:00");
		assertThat(tools.at("/1/output/ok").asBoolean()).as(printed).isTrue();
		assertThat(tools.at("/2/output/checkpoint").asString()).as(printed).isEqualTo("second_booking");
		assertThat(tools.at("/3/output/passages")).as(printed).isEmpty();
		assertThat(tools.at("/3/output/note").asString()).contains("Nothing in the business's documents");

		Multipart parking = Multipart.of(Map.of("assistant_id", Long.toString(praxis.assistantId())))
			.file("files[]", "parking.txt", "text/plain",
					"Parking\n\nFree parking is in the courtyard behind the practice."
						.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> indexed = bob.change("POST", "/api/rag/index_files", parking.contentType(),
				parking.bytes());
		assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(200);

		String mia = "+15550100188";
		printed = call(layout, bob, praxis, mia, "3,9,15,21,27", 32);
		tools = lastCall(bob, praxis).path("tool_calls");
		assertThat(tools.valueStream().map((tool) -> tool.path("name").asString())).as(printed)
			.containsExactly("check_availability", "book_appointment", "book_appointment", "search_knowledge",
					"cancel_or_reschedule");
		assertThat(tools.at("/1/output/checkpoint").asString()).as(printed).isEqualTo("free");
		assertThat(tools.at("/1/output/alternatives").valueStream().map((slot) -> slot.path("time").asString()))
			.contains("09:30", "10:30");
		assertThat(tools.at("/2/output/time").asString()).as(printed).isEqualTo("11:00");
		assertThat(tools.at("/3/output/passages/0/text").asString()).as(printed).contains("courtyard");
		assertThat(tools.at("/3/output/passages/0/document").asString()).isEqualTo("parking.txt");
		assertThat(tools.at("/4/output/ok").asBoolean()).as(printed).isTrue();
		bookings = json.readTree(bob.get(bookingsPath).body());
		assertThat(bookings.path("bookings").valueStream().map((booking) -> booking.path("time").asString()))
			.as("Jon's booking stays; Mia cancelled her own")
			.containsExactly("10:00");
		assertThat(freeSlots(bob, praxis, tomorrow)).hasSize(15).contains("11:00 AM");
	}

	/** A call from a number, the caller speaking at the given seconds; its printout. */
	private static String call(StackLayout layout, BrowserSession owner, Registered assistant, String from,
			String speakAt, int seconds) throws Exception {
		return CallSimulatorCommand.call(layout.projectRoot(),
				List.of(assistant.number(), "--say-at", speakAt, "--seconds", Integer.toString(seconds), "--from", from,
						"--out", layout.dataDirectory().resolve("reply.wav").toString()),
				Map.of("VOCALHOST_URL", layout.gatewayUrl(), "VOCALHOST_TOKEN", owner.accessToken()),
				layout.dataDirectory().resolve("call.log"));
	}

	private static JsonNode lastCall(BrowserSession owner, Registered assistant) throws Exception {
		JsonNode calls = json.readTree(owner.get("/api/calls?assistant_id=" + assistant.assistantId()).body());
		return json.readTree(owner.get("/api/calls/" + calls.at("/calls/0/id").asString()).body());
	}

	private static List<String> freeSlots(BrowserSession owner, Registered assistant, String date) throws Exception {
		return json.readTree(owner.get("/api/slots/" + assistant.assistantId() + "?date=" + date).body())
			.path("slots")
			.valueStream()
			.map(JsonNode::asString)
			.toList();
	}

	record Registered(long assistantId, String number) {
	}

	/** What the Realtime stand-in hears and does, turn by turn (its --script). */
	private static final String RECEPTIONIST_SCRIPT = """
			{"greeting": "Praxis Berlin, this is Lena. How can I help?",
			 "turns": [
			   {"caller": "What do you have tomorrow?",
			    "call": {"name": "check_availability", "arguments": {"date": "tomorrow"}},
			    "then": "Tomorrow ten is free."},
			   {"caller": "Ten please, for Jon.",
			    "call": {"name": "book_appointment",
			             "arguments": {"date": "tomorrow", "time": "10:00", "customer_name": "Jon"}},
			    "then": "You are booked."},
			   {"caller": "And eleven too.",
			    "call": {"name": "book_appointment",
			             "arguments": {"date": "tomorrow", "time": "11", "customer_name": "Jon"}},
			    "then": "Noted."},
			   {"caller": "Is there parking?",
			    "call": {"name": "search_knowledge", "arguments": {"question": "parking"}},
			    "then": "I do not know."},
			   {"caller": "Please cancel my appointment.",
			    "call": {"name": "cancel_or_reschedule", "arguments": {"action": "cancel"}},
			    "then": "Cancelled."}]}
			""";

	/**
	 * The original frontend's journey, call by call as its browser sends them from a page
	 * on http://localhost:5173 built with its API base URLs pointed at the gateway
	 * (cookies, {@code Origin}, preflights, never a CSRF header): sign-in, the callback's
	 * two {@code me} calls, the Create page, the Dashboard's save, the Schedule page, the
	 * Plans page, sign-out. The Schedule page's fetches set no credentials option, so
	 * they carry cookies only same-origin (the dev server's proxy, or the gateway serving
	 * the build): they are sent that way. The Create form forged from another page of the
	 * same site is refused first, while the plan would still allow an assistant.
	 */
	private static void theOriginalFrontendWorksUnchanged(StackLayout layout) throws Exception {
		BrowserSession cleo = BrowserSession.signIn(layout, "cleo", BrowserSession.FRONTEND_ORIGIN + "/auth/callback");
		JsonNode user = null;
		for (String page : List.of("AuthCallback", "AuthContext")) {
			HttpResponse<String> me = cleo.fetch("GET", "/api/auth/user/me", JSON_TYPE, new byte[0]);
			assertThat(me.statusCode()).as(page).isEqualTo(200);
			user = json.readTree(me.body()).path("user");
			assertThat(user.path("name").asString()).as(page).isEqualTo("cleo");
			assertThat(user.path("email").asString()).as(page).isEqualTo("cleo@example.com");
		}
		long userId = user.path("id").asLong();
		assertThat(userId).isPositive();

		JsonNode plan = myAgents(cleo).path("user_info");
		assertThat(plan.path("plan").asString()).isEqualTo("free");
		assertThat(plan.path("subscription_status").asString()).isEqualTo("active");
		assertThat(plan.path("max_agents").asInt()).isEqualTo(1);
		assertThat(plan.path("allowed_addons").valueStream().map(JsonNode::asString)).containsExactly("voice",
				"booking");
		assertThat(plan.path("can_create_agent").asBoolean()).isTrue();

		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("user_id", String.valueOf(userId));
		fields.put("assistant_name", "Mia");
		fields.put("business_name", "Studio Mia");
		fields.put("business_description", "Hair and beauty salon");
		fields.put("voice_type", "male");
		fields.put("enabled_features", "[\"voice\",\"booking\"]");
		Multipart form = Multipart.of(fields)
			.file("files", "prices.pdf", "application/pdf", onePagePdf("Haircut 30 EUR, colour 60 EUR"));
		Map<String, String> formType = Map.of("Content-Type", form.contentType());

		HttpResponse<String> forged = cleo.fetchFrom("http://localhost:8000", "POST", "/api/register/assistant",
				formType, form.bytes());
		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
		assertThat(json.readTree(forged.body()).path("error").asString()).isEqualTo("Forbidden");
		assertThat(myAgents(cleo).path("total_agents").asInt()).isZero();

		HttpResponse<String> created = cleo.fetch("POST", "/api/register/assistant", formType, form.bytes());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode registered = json.readTree(created.body());
		long id = registered.path("assistant_id").asLong();
		// The Create page's assistant gets no number here; the page shows none ("").
		assertThat(registered.has("twilio_number")).isFalse();
		assertThat(registered.path("message").asString()).startsWith("Assistant created");
		theDocumentsAreIndexedAndSearchable(layout, cleo, id, registered);

		JsonNode dashboard = myAgents(cleo);
		assertThat(dashboard.path("total_agents").asInt()).isEqualTo(1);
		assertThat(dashboard.path("user_info").path("can_create_agent").asBoolean()).isFalse();
		JsonNode agent = dashboard.path("agents").get(0);
		assertThat(agent.path("id").asLong()).isEqualTo(id);
		assertThat(agent.path("name").asString()).isEqualTo("Mia");
		assertThat(agent.path("agent_name").asString()).isEqualTo("Mia");
		assertThat(agent.path("business_name").asString()).isEqualTo("Studio Mia");
		assertThat(agent.path("description").asString()).isEqualTo("Hair and beauty salon");
		assertThat(agent.path("start_time").asString()).isEqualTo("09:00");
		assertThat(agent.path("end_time").asString()).isEqualTo("17:00");
		assertThat(agent.path("booking_duration_minutes").asInt()).isEqualTo(30);
		assertThat(agent.path("available_days").path("monday").asBoolean()).isTrue();
		assertThat(agent.path("available_days").path("sunday").asBoolean()).isFalse();
		assertThat(agent.path("twilio_number").getNodeType()).isIn(JsonNodeType.NULL, JsonNodeType.MISSING);
		assertThat(agent.path("voice_type").asString()).isEqualTo("male");
		assertThat(agent.path("status").asString()).isEqualTo("active");
		assertThat(Instant.parse(agent.path("created_at").asString())).isBefore(Instant.now());

		byte[] save = """
				{"receptionist_name":"Mia Rose","business_name":"Studio Mia","description":"Hair, beauty and nails",
				 "start_time":"08:00","end_time":"12:00","booking_duration_minutes":30,
				 "available_days":{"monday":true,"tuesday":true,"wednesday":true,"thursday":true,"friday":true,
				                   "saturday":true,"sunday":true},
				 "voice_type":"male"}""".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> saved = cleo.fetch("PATCH", "/api/assistant/" + id,
				Map.of("Content-Type", "application/json", "Accept", "application/json"), save);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		JsonNode result = json.readTree(saved.body());
		assertThat(result.path("message").asString()).isNotBlank();
		assertThat(result.path("updated_fields").valueStream().map(JsonNode::asString)).contains("receptionist_name",
				"description", "start_time", "end_time", "available_days");
		JsonNode card = result.path("assistant");
		assertThat(card.path("name").asString()).isEqualTo("Mia Rose");
		assertThat(card.path("business_name").asString()).isEqualTo("Studio Mia");
		assertThat(card.path("description").asString()).isEqualTo("Hair, beauty and nails");
		assertThat(card.path("start_time").asString()).isEqualTo("08:00");
		assertThat(card.path("end_time").asString()).isEqualTo("12:00");
		assertThat(card.path("booking_duration_minutes").asInt()).isEqualTo(30);
		assertThat(card.path("available_days").path("sunday").asBoolean()).isTrue();
		assertThat(card.path("voice_type").asString()).isEqualTo("male");

		LocalDate tomorrow = LocalDate.now(ZoneId.of(card.path("timezone").asString())).plusDays(1);
		String slotsPath = "/api/slots/" + id + "?date=" + tomorrow;
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			HttpResponse<String> slots = cleo.get(slotsPath);
			return slots.statusCode() == 200 && json.readTree(slots.body()).path("slots").size() == 8;
		});
		HttpResponse<String> booked = cleo.fetch("POST", "/api/bookings/" + id, JSON_TYPE,
				("{\"date\":\"" + tomorrow + "\",\"time\":\"09:00\",\"customer_name\":\"Jonas\","
						+ "\"customer_phone\":\"+4917612345678\",\"details\":\"Haircut\"}")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
		long bookingId = json.readTree(booked.body()).path("id").asLong();

		HttpResponse<String> assistants = cleo.fetchSameOrigin("/api/assistants?user_id=" + userId);
		assertThat(assistants.statusCode()).as(assistants.body()).isEqualTo(200);
		assertThat(json.readTree(assistants.body()).path("assistants").get(0).path("id").asLong()).isEqualTo(id);
		HttpResponse<String> week = cleo
			.fetchSameOrigin("/api/bookings/" + id + "?start_date=" + tomorrow + "&end_date=" + tomorrow.plusDays(6));
		assertThat(week.statusCode()).as(week.body()).isEqualTo(200);
		JsonNode schedule = json.readTree(week.body());
		assertThat(schedule.path("slot_duration").asInt()).isEqualTo(30);
		JsonNode booking = schedule.path("bookings").get(0);
		assertThat(booking.path("id").asLong()).isEqualTo(bookingId);
		assertThat(booking.path("customer_name").asString()).isEqualTo("Jonas");
		assertThat(booking.path("details").asString()).isEqualTo("Haircut");
		assertThat(booking.path("date").asString()).isEqualTo(tomorrow.toString());
		assertThat(booking.path("time").asString()).isEqualTo("09:00");
		assertThat(booking.path("created_at").asString()).isNotBlank();
		assertThat(schedule.path("slots").propertyNames()).hasSize(7);
		assertThat(schedule.path("slots").path(tomorrow.toString()).valueStream())
			.filteredOn((slot) -> slot.path("time").asString().equals("09:00"))
			.singleElement()
			.satisfies((slot) -> assertThat(slot.path("is_booked").asBoolean()).isTrue());

		assertThat(myAgents(cleo).path("user_info").path("plan").asString()).as("Plans page").isEqualTo("free");

		String token = cleo.accessToken();
		assertThat(cleo.fetch("POST", "/api/auth/logout", JSON_TYPE, new byte[0]).statusCode()).isEqualTo(200);
		assertThat(cleo.preflights()).containsExactly("GET /api/auth/user/me", "GET /api/auth/user/me",
				"PATCH /api/assistant/" + id, "POST /api/bookings/" + id, "POST /api/auth/logout");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(cleo.get("/api/auth/user/me").statusCode()).isEqualTo(401);
			assertThat(bearerStatus(layout.gatewayUrl(), token)).isEqualTo(401);
		});
	}

	/** {@code GET /api/my-agents} as the Create, Dashboard and Plans pages fetch it. */
	private static JsonNode myAgents(BrowserSession session) throws Exception {
		HttpResponse<String> response = session.fetch("GET", "/api/my-agents", Map.of(), new byte[0]);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	/** A one-page PDF with one line of text, as a user picks it on the Create page. */
	/**
	 * The documents acceptance: the registration's PDF went from assistant-service to
	 * rag-service with a service token; its real chunk count is reported, the owner's
	 * search finds the price, another user gets 404, and a deleted document leaves the
	 * search.
	 */
	private static void theDocumentsAreIndexedAndSearchable(StackLayout layout, BrowserSession cleo, long id,
			JsonNode registered) throws Exception {
		assertThat(registered.path("indexed_chunks").asInt()).as(registered.toString()).isEqualTo(1);
		assertThat(registered.has("warnings")).as(registered.toString()).isFalse();
		String search = "/api/rag/search?assistant_id=" + id + "&q=how+much+is+a+haircut";
		HttpResponse<String> found = cleo.get(search);
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		JsonNode price = json.readTree(found.body()).path("results").get(0);
		assertThat(price.path("text").asString()).contains("Haircut 30 EUR");
		assertThat(price.path("document_name").asString()).isEqualTo("prices.pdf");
		assertThat(price.path("page").asInt()).isEqualTo(1);

		BrowserSession dora = BrowserSession.signIn(layout, "dora");
		assertThat(dora.get(search).statusCode()).isEqualTo(404);
		assertThat(dora.get("/api/rag/documents?assistant_id=" + id).statusCode()).isEqualTo(404);
		Multipart broken = Multipart
			.of(Map.of("assistant_name", "Dora", "business_name", "Dora Dental", "business_description", "Dentist"))
			.file("files[]", "broken.pdf", "application/pdf", "%PDF-1.4 cut short".getBytes(StandardCharsets.US_ASCII));
		HttpResponse<String> withBrokenFile = dora.change("POST", "/api/register/assistant", broken.contentType(),
				broken.bytes());
		assertThat(withBrokenFile.statusCode()).as(withBrokenFile.body()).isEqualTo(201);
		JsonNode doraAssistant = json.readTree(withBrokenFile.body());
		assertThat(doraAssistant.path("indexed_chunks").asInt()).isZero();
		assertThat(doraAssistant.path("warnings").get(0).asString()).contains("'broken.pdf' was not indexed")
			.contains("not a readable PDF");

		JsonNode documents = json.readTree(cleo.get("/api/rag/documents?assistant_id=" + id).body()).path("documents");
		assertThat(documents).hasSize(1);
		assertThat(documents.get(0).path("status").asString()).isEqualTo("ready");
		// As the frontend's own pages would send it (CSRF token, no preflight): the
		// original frontend's journey checked below has no documents page.
		HttpResponse<String> deleted = cleo.change("DELETE",
				"/api/rag/documents/" + documents.get(0).path("id").asLong(), "application/json", new byte[0]);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(json.readTree(cleo.get(search).body()).path("results")).isEmpty();
	}

	private static byte[] onePagePdf(String text) {
		String content = "BT /F1 12 Tf 20 100 Td (" + text + ") Tj ET";
		List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R "
						+ "/Resources << /Font << /F1 5 0 R >> >> >>",
				"<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		List<Integer> offsets = new ArrayList<>();
		for (int i = 0; i < objects.size(); i++) {
			offsets.add(pdf.length());
			pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
		offsets.forEach((offset) -> pdf.append("%010d 00000 n \n".formatted(offset)));
		pdf.append("trailer\n<< /Size ")
			.append(objects.size() + 1)
			.append(" /Root 1 0 R >>\nstartxref\n")
			.append(xref)
			.append("\n%%EOF\n");
		return pdf.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The status of a slots request carrying this token as a bearer (no cookie), at the
	 * gateway or straight at booking-service.
	 */
	private static int bearerStatus(String baseUrl, String token) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create(baseUrl + ROUTED_REQUEST.get("booking-service")))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static void assertServedBy(BrowserSession session, String path, String service) {
		try {
			HttpResponse<String> response = session.get(path);
			assertThat(response.headers().firstValue("X-VocalHost-Service")).as(path).hasValue(service);
			assertThat(response.statusCode()).as(path).isLessThan(500);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		}
		catch (IOException | InterruptedException ex) {
			throw new AssertionError(path, ex);
		}
	}

	private static HttpResponse<String> get(StackLayout layout, String path) throws IOException, InterruptedException {
		return http.send(
				HttpRequest.newBuilder(URI.create(layout.gatewayUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void assertPortFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			throw new AssertionError("Port " + port + " is still bound after the stack stopped", ex);
		}
	}

}
