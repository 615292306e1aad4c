package io.vocalhost.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.session.SessionRevoked;
import io.vocalhost.testsupport.SharedInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sign-in enforcement at the gateway: the token rejection set, session cookies, CSRF,
 * CORS, revocation from Kafka, silent refresh and rate limits. Downstream services and
 * the refresh endpoint of auth-service are stand-ins on local ports; the cross-service
 * end-to-end test runs the real ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vocalhost.edge.rate-limits.auth-per-ip.requests=5", "vocalhost.edge.refresh-after=60s" })
class EdgeSecurityTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger keyFetchesFromTokenHeaders = new AtomicInteger();

	private static final String REFRESHED_TOKEN = TestTokens.forUser(42);

	/** Every downstream service, plus auth-service's refresh endpoint. */
	private static final DisposableServer downstream = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes.post("/api/auth/refresh", (request, response) -> {
			boolean known = String.valueOf(request.requestHeaders().get("Cookie")).contains("vh_refresh=good");
			return known
					? response.header("Set-Cookie", "vh_access=" + REFRESHED_TOKEN + "; Path=/; HttpOnly")
						.sendString(Mono.just("{}"))
					: response.status(401)
						.header("Set-Cookie", "vh_access=; Max-Age=0; Path=/")
						.sendString(Mono.just("{}"));
		}).get("/evil/jwks.json", (request, response) -> {
			keyFetchesFromTokenHeaders.incrementAndGet();
			return response.sendString(Mono.just("{\"keys\":[]}"));
		})
			.route((request) -> true,
					(request, response) -> response
						.header("X-Echo-Authorization", String.valueOf(request.requestHeaders().get("Authorization")))
						.sendString(Mono.just("ok"))))
		.bindNow();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.security.jwks-uri", TestTokens::jwksUri);
		registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
		Downstreams.allAt(registry, () -> downstream.port());
	}

	@AfterAll
	static void stop() {
		downstream.disposeNow();
	}

	@Test
	void refusesEveryBadTokenWithJson401AndNeverFetchesKeysATokenPointsTo() throws Exception {
		String valid = TestTokens.forUser(1);
		String foreignKeySet = "http://127.0.0.1:" + downstream.port() + "/evil/jwks.json";
		for (String token : TestTokens.mustBeRefused(valid, foreignKeySet)) {
			HttpResponse<String> response = send("GET", "/api/assistants", Map.of("Authorization", "Bearer " + token));
			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("Unauthorized");
			assertThat(response.headers().firstValue("X-Echo-Authorization")).isEmpty();
		}
		assertThat(keyFetchesFromTokenHeaders).hasValue(0);
		assertThat(send("GET", "/api/assistants", Map.of()).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/assistants", Map.of("Authorization", "Bearer " + valid)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void theSessionCookieAuthenticatesAndIsPassedOnAsABearerToken() throws Exception {
		String token = TestTokens.forUser(5);
		HttpResponse<String> response = send("GET", "/api/assistants", Map.of("Cookie", "vh_access=" + token));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Echo-Authorization")).hasValue("Bearer " + token);
	}

	@Test
	void cookieAuthenticatedStateChangesNeedTheCsrfToken() throws Exception {
		String cookies = "vh_access=" + TestTokens.forUser(5) + "; XSRF-TOKEN=abc123";
		HttpResponse<String> missing = send("POST", "/api/register", Map.of("Cookie", cookies));
		assertThat(missing.statusCode()).isEqualTo(403);
		assertThat(json.readTree(missing.body()).path("details").asString()).contains("X-XSRF-TOKEN");
		assertThat(send("POST", "/api/register", Map.of("Cookie", cookies, "X-XSRF-TOKEN", "wrong")).statusCode())
			.isEqualTo(403);
		assertThat(send("PATCH", "/api/assistant/1", Map.of("Cookie", cookies)).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/api/register", Map.of("Cookie", cookies, "X-XSRF-TOKEN", "abc123")).statusCode())
			.isEqualTo(200);
		// A bearer client without cookies is not exposed to CSRF; webhooks authenticate
		// by signature.
		assertThat(
				send("POST", "/api/register", Map.of("Authorization", "Bearer " + TestTokens.forUser(5))).statusCode())
			.isEqualTo(200);
		assertThat(send("POST", "/stripe/webhook", Map.of("Cookie", cookies)).statusCode()).isEqualTo(200);
	}

	@Test
	void aFrontendWithoutTheCsrfTokenIsKnownByItsOriginAndAForgerIsNot() throws Exception {
		String cookies = "vh_access=" + TestTokens.forUser(5);
		assertThat(send("POST", "/api/register/assistant", Map.of("Cookie", cookies, "Origin", "http://localhost:3000"))
			.statusCode()).isEqualTo(200);
		assertThat(send("PATCH", "/api/assistant/1", Map.of("Cookie", cookies, "Referer", "http://localhost:3000/dash"))
			.statusCode()).isEqualTo(200);
		// Another page of the same site, e.g. a multipart "simple" request that no
		// preflight stops.
		HttpResponse<String> forged = send("POST", "/api/register/assistant",
				Map.of("Cookie", cookies, "Origin", "http://localhost:8000", "Content-Type", "multipart/form-data"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(json.readTree(forged.body()).path("error").asString()).isEqualTo("Forbidden");
		assertThat(send("POST", "/api/register", Map.of("Cookie", cookies, "Origin", "null")).statusCode())
			.isEqualTo(403);
		HttpResponse<String> forgedReferer = send("POST", "/api/register",
				Map.of("Cookie", cookies, "Referer", "http://localhost:8000/attack.html"));
		assertThat(forgedReferer.statusCode()).isEqualTo(403);
		assertThat(json.readTree(forgedReferer.body()).path("details").asString()).contains("X-XSRF-TOKEN");
	}

	@Test
	void corsAdmitsOnlyTheFrontendOriginsWithCredentials() throws Exception {
		HttpResponse<String> allowed = send("OPTIONS", "/api/assistants", Map.of("Origin", "http://localhost:3000",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-XSRF-TOKEN"));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

		HttpResponse<String> refused = send("OPTIONS", "/api/assistants",
				Map.of("Origin", "https://evil.example.com", "Access-Control-Request-Method", "POST"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void aRevokedSessionIsRefusedAtOnce() throws Exception {
		Map<String, Object> claims = TestTokens.claims(9);
		String token = TestTokens.sign(TestTokens.header(), claims);
		assertThat(send("GET", "/api/assistants", Map.of("Authorization", "Bearer " + token)).statusCode())
			.isEqualTo(200);

		publish(new SessionRevoked(UUID.randomUUID(), Instant.now(), UUID.fromString((String) claims.get("sid")), 9,
				Instant.now().plusSeconds(600), "logout"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> send("GET", "/api/assistants", Map.of("Authorization", "Bearer " + token))
				.statusCode() == 401);
	}

	@Test
	void anExpiredAccessCookieIsRenewedWithTheRefreshCookie() throws Exception {
		Map<String, Object> claims = TestTokens.claims(42);
		claims.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
		String expired = TestTokens.sign(TestTokens.header(), claims);

		HttpResponse<String> renewed = send("GET", "/api/assistants",
				Map.of("Cookie", "vh_access=" + expired + "; vh_refresh=good"));
		assertThat(renewed.statusCode()).isEqualTo(200);
		assertThat(renewed.headers().firstValue("X-Echo-Authorization")).hasValue("Bearer " + REFRESHED_TOKEN);
		assertThat(renewed.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("vh_access=" + REFRESHED_TOKEN));

		HttpResponse<String> ended = send("GET", "/api/assistants",
				Map.of("Cookie", "vh_access=" + expired + "; vh_refresh=revoked"));
		assertThat(ended.statusCode()).isEqualTo(401);
		assertThat(ended.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("vh_access=;"));
	}

	@Test
	void signInPathsAreRateLimitedPerClientWithRetryAfter() throws Exception {
		HttpResponse<String> response = null;
		for (int attempt = 0; attempt < 6; attempt++) {
			response = send("GET", "/api/auth/google/login?callback=http://localhost:3000/", Map.of());
		}
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("Too many requests");
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
	}

	private static void publish(SessionRevoked event) throws Exception {
		Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
				"spring.json.type.mapping", EventCatalog.kafkaTypeMappings());
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				new JacksonJsonSerializer<>())) {
			producer.send(new ProducerRecord<>(Topics.SESSION_EVENTS, event.sessionId().toString(), event)).get();
		}
	}

	private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(60));
		headers.forEach(request::header);
		return TestHttp.sendAlone(request.build());
	}

}
