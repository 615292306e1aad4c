package io.vocalhost.common.error;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure answers {@code {"error","details"}} JSON over real HTTP, never HTML or a
 * trace.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ErrorBodyIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void unknownPathIs404Json() throws Exception {
		HttpResponse<String> response = send("GET", "/no/such/path", null, "text/html");
		assertJsonError(response, 404, "Not found");
		assertThat(response.body()).contains("/no/such/path");
	}

	@Test
	void wrongMethodIs405JsonWithAllow() throws Exception {
		HttpResponse<String> response = send("DELETE", "/probe/greetings", null, null);
		assertJsonError(response, 405, "Method not allowed");
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void invalidFieldsAre400NamingEachField() throws Exception {
		HttpResponse<String> response = send("POST", "/probe/greetings", "{\"name\":\"\",\"time\":\"9am\"}", null);
		assertJsonError(response, 400, "Invalid request");
		assertThat(response.body()).contains("name: must not be blank").contains("time: must be HH:MM");
	}

	@Test
	void everyBadFieldIsNamedAsOnTheWireOnceInDeclarationOrder() throws Exception {
		HttpResponse<String> response = send("POST", "/probe/appointments",
				"{\"zone\":\"Mars/Olympus\",\"customer_phone\":\"0176\",\"customer_name\":\" \",\"time\":\"25:00\",\"date\":\"2026-02-30\"}",
				null);
		assertJsonError(response, 400, "Invalid request");
		assertThat(mapper.readTree(response.body()).path("details").asString())
			.isEqualTo("date: must be a date as YYYY-MM-DD; time: must be a time as HH:MM; customer_name: is required; "
					+ "customer_phone: must be a phone number in E.164 form, like +14155550123; "
					+ "zone: must be an IANA time zone, like Europe/Berlin");
	}

	@Test
	void missingRequiredValuesAreRefusedAndOptionalOnesAreNot() throws Exception {
		HttpResponse<String> response = send("POST", "/probe/appointments", "{}", null);
		assertThat(mapper.readTree(response.body()).path("details").asString())
			.isEqualTo("date: must be a date as YYYY-MM-DD; time: must be a time as HH:MM; customer_name: is required; "
					+ "customer_phone: must be a phone number in E.164 form, like +14155550123");
		assertThat(send("POST", "/probe/appointments",
				"{\"date\":\"2026-03-29\",\"time\":\"9:30\",\"customer_name\":\"Bob\",\"customer_phone\":\"+4917612345678\"}",
				null)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void formFieldsAreNamedByTheirFormNames() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/probe/forms"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("business_name=&opens_at=noon"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertJsonError(response, 400, "Invalid request");
		assertThat(mapper.readTree(response.body()).path("details").asString())
			.isEqualTo("business_name: is required; opens_at: must be a time as HH:MM");
	}

	@Test
	void malformedJsonIs400() throws Exception {
		assertJsonError(send("POST", "/probe/greetings", "{\"name\":", null), 400, "Malformed request body");
	}

	@Test
	void wrongContentTypeIs415() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/probe/greetings"))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertJsonError(response, 415, "Unsupported Media Type");
	}

	@Test
	void badPathVariableIs400() throws Exception {
		HttpResponse<String> response = send("GET", "/probe/items/abc", null, null);
		assertJsonError(response, 400, "Invalid request");
		assertThat(response.body()).contains("id: 'abc' is not a valid value");
	}

	@Test
	void apiExceptionKeepsItsStatusAndWords() throws Exception {
		HttpResponse<String> response = send("GET", "/probe/items/5", null, null);
		assertJsonError(response, 404, "Item not found");
		assertThat(response.body()).contains("No item 5");
	}

	@Test
	void unexpectedFailureIs500WithAReferenceAndNoInternals() throws Exception {
		HttpResponse<String> response = send("GET", "/probe/crash", null, null);
		assertJsonError(response, 500, "Internal error");
		assertThat(response.body()).contains("reference")
			.doesNotContain("secret internal detail")
			.doesNotContain("Exception");
	}

	@Test
	void errorDispatchedByTheContainerIsJsonToo() throws Exception {
		HttpResponse<String> response = send("GET", "/probe/container-error", null, "text/html");
		assertJsonError(response, 403, "Forbidden");
		assertThat(response.body()).contains("/probe/container-error");
	}

	@Test
	void anUnreachableDatabaseIs503NotAnInternalError() throws Exception {
		HttpResponse<String> response = send("GET", "/probe/database-down", null, null);
		assertJsonError(response, 503, "Service unavailable");
		assertThat(response.body()).doesNotContain("Hikari");
	}

	@Test
	void everyResponseNamesTheService() throws Exception {
		HttpResponse<String> response = send("GET", "/no/such/path", null, null);
		assertThat(response.headers().firstValue("X-VocalHost-Service")).hasValue("common-lib-test");
	}

	private void assertJsonError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).startsWith("{\"error\":\"" + error + "\",\"details\":\"");
	}

	private HttpResponse<String> send(String method, String path, String json, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
