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
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
		StackLayout layout = StackLayout.freePorts(root, this.data);
		Map<String, Long> pids;
		try (LocalStack stack = LocalStack.start(layout, Duration.ofMinutes(5))) {
			pids = stack.servicePids();
			assertThat(statusOfEveryService(layout)).hasSize(7)
				.allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo("UP"));
			BrowserSession ann = BrowserSession.signIn(layout, "ann");
			BrowserSession bob = BrowserSession.signIn(layout, "bob");
			assertThat(ann.me().path("user").path("email").asString()).isEqualTo("ann@example.com");
			assertThat(bob.me().path("user").path("name").asString()).isEqualTo("bob");
			ROUTED_REQUEST.forEach((service, path) -> assertServedBy(ann, path, service));
			eachOwnsOnlyTheirAssistant(ann, bob);
			booksWithoutEverDoubleBooking(ann, bob);

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
		String boundary = "e2e-boundary";
		StringBuilder form = new StringBuilder();
		Map.of("business_name", "Bella Salon", "receptionist_name", "Ava", "start_time", "09:00", "end_time", "17:00",
				"booking_duration_minutes", "30", "phone_number", "+4930123456", "available_days",
				"{\"monday\":true,\"friday\":true}", "voice_type", "female")
			.forEach((name, value) -> form.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
					+ "\"\r\n\r\n" + value + "\r\n"));
		form.append("--" + boundary + "--\r\n");
		HttpResponse<String> created = ann.change("POST", "/api/register", "multipart/form-data; boundary=" + boundary,
				form.toString().getBytes(StandardCharsets.UTF_8));
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
	private static void booksWithoutEverDoubleBooking(BrowserSession ann, BrowserSession bob) throws Exception {
		String boundary = "e2e-booking";
		StringBuilder form = new StringBuilder();
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
		fields.forEach((name, value) -> form.append("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
				+ name + "\"\r\n\r\n" + value + "\r\n"));
		form.append("--" + boundary + "--\r\n");
		// Bob registers: Ann already used her free plan's one assistant.
		HttpResponse<String> created = bob.change("POST", "/api/register", "multipart/form-data; boundary=" + boundary,
				form.toString().getBytes(StandardCharsets.UTF_8));
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
