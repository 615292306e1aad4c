package io.vocalhost.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every VocalHost service promises operators and API clients, checked on the running
 * service over HTTP against the real PostgreSQL and Kafka. A service's test extends this
 * and names the components its readiness depends on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
public abstract class ServiceConventionsTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Value("${spring.application.name}")
	private String serviceName;

	/**
	 * The health components readiness must include, e.g. {@code db} and {@code kafka}.
	 */
	protected abstract List<String> readinessComponents();

	/**
	 * A valid access token this service accepts.
	 */
	protected String accessToken() {
		return tokenSigner().forUser(1);
	}

	/**
	 * Signs the forged tokens this service must refuse: with the key it trusts, so that
	 * each one is refused for its own flaw.
	 */
	protected TokenSigner tokenSigner() {
		return TestTokens.testSigner();
	}

	@Test
	void livenessIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health/liveness");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void readinessIsUpAndCoversItsDependencies() throws Exception {
		HttpResponse<String> response = get("/actuator/health/readiness");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = json.readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		List<String> components = new ArrayList<>(health.path("components").propertyNames());
		assertThat(components).containsAll(readinessComponents());
		for (String component : readinessComponents()) {
			assertThat(health.path("components").path(component).path("status").asString()).as(component)
				.isEqualTo("UP");
		}
	}

	@Test
	void publishesPrometheusMetricsTaggedWithItsName() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes")
			.contains("application=\"" + this.serviceName + "\"");
	}

	/**
	 * The metrics the alert rules in {@code deploy/monitoring/alerts.yml} use for every
	 * service: request rate and errors, and the outbox's backlog.
	 */
	@Test
	void publishesTheMetricsItsAlertsUse() throws Exception {
		get("/actuator/health/liveness");
		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).contains("http_server_requests_seconds_count")
			.contains("vocalhost_outbox_incomplete")
			.contains("vocalhost_outbox_failed")
			.contains("vocalhost_outbox_oldest_incomplete_age_seconds");
	}

	@Test
	void publishesItsOpenApiDocument() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = json.readTree(response.body());
		assertThat(document.path("openapi").asString()).startsWith("3.");
		assertThat(document.path("info").path("title").asString()).isEqualTo(this.serviceName);
	}

	@Test
	void apiDocumentLeavesOutTheErrorDispatchAndInternalEndpointsAndShowsTheErrorBody() throws Exception {
		JsonNode document = json.readTree(get("/v3/api-docs").body());
		document.path("paths").propertyNames().forEach((path) -> {
			assertThat(path).isNotEqualTo("/error").doesNotStartWith("/internal/");
			document.path("paths")
				.path(path)
				.properties()
				.forEach((operation) -> assertThat(operation.getValue()
					.path("responses")
					.path("401")
					.path("content")
					.path("application/json")
					.path("schema")
					.path("$ref")
					.asString()).as(operation.getKey() + " " + path).isEqualTo("#/components/schemas/ErrorBody"));
		});
	}

	@Test
	void unknownPathIsJson404ForASignedInUser() throws Exception {
		HttpResponse<String> response = send("GET", "/no/such/path", "text/html", accessToken());
		assertJsonError(response, 404);
	}

	@Test
	void anythingButHealthMetricsAndDocsNeedsAToken() throws Exception {
		HttpResponse<String> response = send("GET", "/no/such/path", "text/html", null);
		assertJsonError(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

	@Test
	void aForgedOrExpiredTokenIsJson401() throws Exception {
		int fetchesBefore = TestTokens.foreignKeySetFetches();
		for (String token : tokenSigner().mustBeRefused(accessToken(), TestTokens.foreignKeySetUri())) {
			assertJsonError(send("GET", "/no/such/path", "application/json", token), 401);
		}
		assertThat(TestTokens.foreignKeySetFetches()).isEqualTo(fetchesBefore);
	}

	/**
	 * Refusals come back at once, some after a key-set lookup on another thread, so the
	 * client's next request on its keep-alive connection can arrive before the service
	 * has finished with the previous one: each must still be answered. (Reactor Netty
	 * 1.3.6 stopped reading such a connection about once in a few hundred requests.)
	 */
	@Test
	void answersEveryRequestOnAKeepAliveConnection() throws Exception {
		List<String> refused = tokenSigner().mustBeRefused(accessToken(), TestTokens.foreignKeySetUri());
		for (int round = 0; round < 150; round++) {
			for (String token : refused) {
				assertThat(send("GET", "/no/such/path", "application/json", token).statusCode()).isEqualTo(401);
			}
		}
	}

	@Test
	void wrongMethodIsJson405() throws Exception {
		HttpResponse<String> response = send("POST", "/v3/api-docs", "text/html");
		assertJsonError(response, 405);
	}

	@Test
	void namesItselfInEveryResponse() throws Exception {
		assertThat(get("/actuator/health/liveness").headers().firstValue("X-VocalHost-Service"))
			.hasValue(this.serviceName);
	}

	private void assertJsonError(HttpResponse<String> response, int status) throws IOException {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("error", "details");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send("GET", path, "*/*");
	}

	private HttpResponse<String> send(String method, String path, String accept)
			throws IOException, InterruptedException {
		return send(method, path, accept, null);
	}

	private HttpResponse<String> send(String method, String path, String accept, String token)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			// A service that never answers fails the test instead of holding the build.
			.timeout(Duration.ofSeconds(30))
			.header("Accept", accept);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
