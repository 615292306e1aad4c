package io.vocalhost.common.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vocalhost.common.reactiveapp.ReactiveTestApplication;
import io.vocalhost.common.security.RevokedSessions;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reactive (WebFlux) service gets the shared mechanics from common-lib alone, as a
 * servlet service does: token checks with JSON 401s, JSON errors for every failure, and
 * the service header. Over real HTTP, against the real Kafka and PostgreSQL.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.application.name=reactive-test" })
@RealInfrastructure
class ReactiveServiceIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	RevokedSessions revokedSessions;

	@Test
	void aRequestWithoutATokenIsJson401() throws Exception {
		HttpResponse<String> response = send("GET", "/calls/me", null, null);
		assertJsonError(response, 401, "Unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void everyBadTokenIsJson401AndAValidOneIsAccepted() throws Exception {
		String valid = TestTokens.forUser(7);
		int foreignFetches = TestTokens.foreignKeySetFetches();
		List<String> refused = TestTokens.mustBeRefused(valid, TestTokens.foreignKeySetUri());
		for (int i = 0; i < refused.size(); i++) {
			HttpResponse<String> response = send("GET", "/calls/me", refused.get(i), null);
			assertThat(response.statusCode()).as("refused token %d: %s", i, refused.get(i)).isEqualTo(401);
			assertJsonError(response, 401, "Unauthorized");
		}
		assertThat(TestTokens.foreignKeySetFetches()).as("fetches of the key set a token names")
			.isEqualTo(foreignFetches);
		HttpResponse<String> accepted = send("GET", "/calls/me", valid, null);
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.body()).isEqualTo("user 7");
	}

	@Test
	void aRevokedSessionsTokenIsRefused() throws Exception {
		Map<String, Object> claims = TestTokens.claims(8);
		String token = TestTokens.sign(TestTokens.header(), claims);
		assertThat(send("GET", "/calls/me", token, null).statusCode()).isEqualTo(200);
		this.revokedSessions.revoke(UUID.fromString((String) claims.get("sid")), Instant.now().plusSeconds(300));
		assertJsonError(send("GET", "/calls/me", token, null), 401, "Unauthorized");
	}

	@Test
	void failuresAreJsonWithTheirStatus() throws Exception {
		String token = TestTokens.forUser(7);
		HttpResponse<String> notFound = send("GET", "/calls/5", token, null);
		assertJsonError(notFound, 404, "Call not found");
		assertThat(details(notFound)).isEqualTo("No call 5");

		assertJsonError(send("GET", "/no/such/path", token, null), 404, "Not found");

		HttpResponse<String> invalid = send("POST", "/calls", token, "{\"caller_name\":\" \",\"at\":\"25:00\"}");
		assertJsonError(invalid, 400, "Invalid request");
		assertThat(details(invalid)).isEqualTo("caller_name: is required; at: must be a time as HH:MM");

		assertJsonError(send("POST", "/calls", token, "{\"caller_name\":"), 400, "Malformed request body");
	}

	@Test
	void everyResponseNamesTheService() throws Exception {
		assertThat(send("GET", "/calls/me", null, null).headers().firstValue("X-VocalHost-Service"))
			.hasValue("reactive-test");
		assertThat(send("GET", "/calls/me", TestTokens.forUser(7), null).headers().firstValue("X-VocalHost-Service"))
			.hasValue("reactive-test");
	}

	private static void assertJsonError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("error").asString()).isEqualTo(error);
		assertThat(body.path("details").asString()).isNotBlank();
		assertThat(body.propertyNames()).containsExactly("error", "details");
	}

	private static String details(HttpResponse<String> response) {
		return json.readTree(response.body()).path("details").asString();
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return TestHttp.sendAlone(request.build());
	}

}
