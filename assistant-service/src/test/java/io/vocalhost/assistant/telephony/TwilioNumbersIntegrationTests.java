package io.vocalhost.assistant.telephony;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Twilio adapter, the official SDK included, against a stand-in of Twilio's REST API:
 * numbers are bought with the voice and SMS webhooks set, released on delete, and a
 * failure at any step leaves no assistant without its number and no bought number without
 * an assistant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vocalhost.telephony.twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID,
				"vocalhost.telephony.twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN,
				"vocalhost.public-url=https://vocalhost.example.com", "vocalhost.plans.free.assistants=100" })
@RealInfrastructure
class TwilioNumbersIntegrationTests {

	private static final TwilioStandIn twilio = start();

	private static final AtomicLong users = new AtomicLong(5000);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void twilio(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.telephony.twilio.api-base", twilio::baseUrl);
	}

	@AfterAll
	static void stop() {
		twilio.close();
	}

	@BeforeEach
	void reset() {
		twilio.requests.clear();
		twilio.available.clear();
		twilio.purchaseError = null;
	}

	@Test
	void buysANumberWithTheWebhooksSetAndReleasesItOnDelete() throws Exception {
		twilio.available.add("+15017122661");
		long owner = users.incrementAndGet();
		HttpResponse<String> created = register(owner);
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode body = json.readTree(created.body());
		assertThat(body.path("twilio_number").asString()).isEqualTo("+15017122661");
		long id = body.path("assistant_id").asLong();

		String purchase = twilio.requests.stream()
			.filter((request) -> request.startsWith("POST"))
			.findFirst()
			.orElseThrow();
		Map<String, String> form = TwilioStandIn.form(purchase.substring(purchase.indexOf(' ', 5) + 1));
		assertThat(form).containsEntry("PhoneNumber", "+15017122661")
			.containsEntry("VoiceUrl", "https://vocalhost.example.com/voice/voice")
			.containsEntry("VoiceMethod", "POST")
			.containsEntry("SmsUrl", "https://vocalhost.example.com/sms/incoming");
		assertThat(twilio.requests.get(0)).contains("VoiceEnabled=true").contains("SmsEnabled=true");
		assertThat(twilio.owned).containsValue("+15017122661");
		JsonNode assistant = json.readTree(send("GET", "/api/assistant/" + id, owner).body());
		assertThat(assistant.path("number_simulated").asBoolean()).isFalse();

		assertThat(send("DELETE", "/api/assistant/" + id, owner).statusCode()).isEqualTo(204);
		assertThat(twilio.owned).doesNotContainValue("+15017122661");
	}

	@Test
	void aRefusedPurchaseIs502WithTwiliosWordsAndLeavesNothing() throws Exception {
		twilio.available.add("+15017122662");
		twilio.purchaseError = "PhoneNumber is not available";
		long owner = users.incrementAndGet();
		long before = assistantsOf(owner);
		HttpResponse<String> response = register(owner);
		assertThat(response.statusCode()).isEqualTo(502);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("error").asString()).isEqualTo("Telephony provider error");
		assertThat(body.path("details").asString()).contains("PhoneNumber is not available");
		assertThat(assistantsOf(owner)).isEqualTo(before);
		assertThat(twilio.owned).doesNotContainValue("+15017122662");
	}

	@Test
	void noNumberOnOfferIs502AndLeavesNothing() throws Exception {
		long owner = users.incrementAndGet();
		HttpResponse<String> response = register(owner);
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(json.readTree(response.body()).path("details").asString()).contains("no US number");
		assertThat(assistantsOf(owner)).isZero();
	}

	@Test
	void aNumberBoughtForARegistrationThatFailsAfterwardsIsReleased() throws Exception {
		twilio.available.add("+15017122663");
		long first = users.incrementAndGet();
		assertThat(register(first).statusCode()).isEqualTo(201);
		// Twilio hands out the same number again: storing it breaks the unique
		// constraint, the
		// registration rolls back, and the number it bought must go back.
		twilio.available.add("+15017122663");
		twilio.owned.clear();
		long second = users.incrementAndGet();
		HttpResponse<String> response = register(second);
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(assistantsOf(second)).isZero();
		assertThat(twilio.owned).isEmpty();
		assertThat(twilio.requests).anyMatch((request) -> request.startsWith("DELETE /IncomingPhoneNumbers/PN"));
	}

	private long assistantsOf(long owner) {
		return this.jdbc.sql("SELECT count(*) FROM assistant WHERE owner_id = ?")
			.param(owner)
			.query(Long.class)
			.single();
	}

	private HttpResponse<String> register(long owner) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("business_name", "Bella Salon");
		fields.put("receptionist_name", "Ava");
		fields.put("start_time", "09:00");
		fields.put("end_time", "17:00");
		fields.put("booking_duration_minutes", "30");
		fields.put("phone_number", "+4930123456");
		fields.put("available_days", "{\"monday\":true}");
		fields.put("voice_type", "female");
		String boundary = "b" + owner;
		StringBuilder body = new StringBuilder();
		fields.forEach((name, value) -> body.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(name)
			.append("\"\r\n\r\n")
			.append(value)
			.append("\r\n"));
		body.append("--").append(boundary).append("--\r\n");
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/register"))
			.header("Authorization", "Bearer " + TestTokens.forUser(owner))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, long user) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + TestTokens.forUser(user))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static TwilioStandIn start() {
		try {
			return new TwilioStandIn();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
