package io.vocalhost.auth.login;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.billing.CustomerCreated;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.MutableClock;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.SharedInfrastructure;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole sign-in against a real OpenID provider (mock-oauth2-server speaking the
 * protocol), on the real database and Kafka: login, callback, session cookies, refresh
 * rotation and replay, idle and absolute timeouts on a test clock, logout revocation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SignInIntegrationTests {

	private static final String FRONTEND = "http://localhost:3000/";

	private static final MockOAuth2Server provider = startProvider();

	private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@TestConfiguration
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.auth.oidc.issuer-uri", () -> provider.issuerUrl("google").toString());
		registry.add("vocalhost.auth.oidc.client-id", () -> "vocalhost-test");
		registry.add("vocalhost.auth.allowed-callbacks", () -> "http://localhost:3000");
	}

	@AfterAll
	static void stopProvider() {
		provider.shutdown();
	}

	@Test
	void twoPeopleSignInAndEachSeesOnlyThemselves() throws Exception {
		String ann = "ann-" + UUID.randomUUID();
		String bob = "bob-" + UUID.randomUUID();
		Session annSession = signIn(ann, Map.of("name", "Ann Lee", "email", "ann@example.org"));
		Session bobSession = signIn(bob, Map.of());

		JsonNode annMe = me(annSession.access());
		assertThat(annMe.path("user").path("name").asString()).isEqualTo("Ann Lee");
		assertThat(annMe.path("user").path("email").asString()).isEqualTo("ann@example.org");
		assertThat(annMe.path("user").has("stripe_customer_id")).isTrue();
		assertThat(annMe.path("user").path("stripe_customer_id").isNull()).isTrue();
		// The stand-in's rule: a username without claims becomes <username>@example.com.
		JsonNode bobMe = me(bobSession.access());
		assertThat(bobMe.path("user").path("name").asString()).isEqualTo(bob);
		assertThat(bobMe.path("user").path("email").asString()).isEqualTo(bob + "@example.com");
		assertThat(bobMe.path("user").path("id").asLong()).isNotEqualTo(annMe.path("user").path("id").asLong());

		assertThat(annSession.cookies()).containsKeys("vh_access", "vh_refresh", "XSRF-TOKEN");
		assertThat(annSession.setCookieHeaders()).anySatisfy((header) -> assertThat(header).startsWith("vh_access=")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.contains("Path=/"));
	}

	@Test
	void firstSignInPublishesUserRegisteredOnceThroughTheOutbox() throws Exception {
		String subject = "carol-" + UUID.randomUUID();
		try (KafkaConsumer<String, String> consumer = consumer(Topics.USER_EVENTS)) {
			signIn(subject, Map.of("name", "Carol", "email", "carol@example.org"));
			signIn(subject, Map.of("name", "Carol", "email", "carol@example.org"));
			long userId = this.jdbc.sql("SELECT id FROM app_user WHERE google_subject = ?")
				.param(subject)
				.query(Long.class)
				.single();
			List<ConsumerRecord<String, String>> registered = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> collectIfCarol(record, registered));
				return !registered.isEmpty();
			});
			// A second poll round gives a duplicate time to show up if there were one.
			consumer.poll(Duration.ofSeconds(2)).forEach((record) -> collectIfCarol(record, registered));
			assertThat(registered).hasSize(1);
			assertThat(registered.get(0).key()).isEqualTo(String.valueOf(userId));
			assertThat(new String(registered.get(0).headers().lastHeader("__TypeId__").value()))
				.isEqualTo("user-registered");
		}
	}

	@Test
	void meShowsTheStripeCustomerOnceBillingHasCreatedIt() throws Exception {
		String subject = "dora-" + UUID.randomUUID();
		Session session = signIn(subject, Map.of("name", "Dora", "email", "dora@example.org"));
		long userId = this.jdbc.sql("SELECT id FROM app_user WHERE google_subject = ?")
			.param(subject)
			.query(Long.class)
			.single();
		assertThat(me(session.access()).path("user").path("stripe_customer_id").isNull()).isTrue();

		KafkaEvents.publish(Topics.BILLING_EVENTS, String.valueOf(userId),
				new CustomerCreated(UUID.randomUUID(), Instant.now(), userId, "cus_dora"),
				EventCatalog.kafkaTypeMappings());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(me(session.access()).path("user").path("stripe_customer_id").asString())
				.isEqualTo("cus_dora"));
	}

	@Test
	void aCallbackOffTheAllowListIs400AndStartsNothing() throws Exception {
		long attemptsBefore = count("login_attempt");
		for (String callback : List.of("https://evil.example.com/", "http://localhost:3000@evil.example.com/",
				"http://localhost:3001/", "javascript:alert(1)", "/relative")) {
			HttpResponse<String> response = get("/api/auth/google/login?callback=" + encode(callback), null);
			assertThat(response.statusCode()).as(callback).isEqualTo(400);
			assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("Invalid callback");
		}
		assertThat(get("/api/auth/google/login", null).statusCode()).isEqualTo(400);
		assertThat(count("login_attempt")).isEqualTo(attemptsBefore);
	}

	@Test
	void theGatewaysOwnOriginIsACallbackWhereItServesTheFrontend() throws Exception {
		assertThat(
				get("/api/auth/google/login?callback=" + encode("http://localhost:5001/dashboard"), null).statusCode())
			.isEqualTo(302);
		assertThat(get("/api/auth/google/login?callback=" + encode("http://localhost:5002/"), null).statusCode())
			.isEqualTo(400);
	}

	@Test
	void loginUsesStateNonceAndPkce() throws Exception {
		URI authorize = URI.create(startLogin().headers().firstValue("Location").orElseThrow());
		Map<String, String> query = query(authorize);
		assertThat(authorize.toString()).startsWith(provider.issuerUrl("google") + "/authorize");
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", "vocalhost-test")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce", "code_challenge");
		assertThat(query.get("scope")).contains("openid").contains("email");
	}

	@Test
	void aReplayedOrUnknownStateFailsWithAReason() throws Exception {
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("google", "dave-" + UUID.randomUUID(), "JWT",
				List.of("vocalhost-test"), Map.of(), 3600));
		URI callback = providerRedirect(startLogin());
		assertThat(get(pathOf(callback), null).headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).isEqualTo(FRONTEND + "?login=success"));
		assertThat(get(pathOf(callback), null).headers().firstValue("Location"))
			.hasValue(FRONTEND + "?login=error&reason=invalid_state");
		assertThat(get("/api/auth/google/callback?state=forged&code=x", null).headers().firstValue("Location"))
			.hasValue(FRONTEND + "?login=error&reason=invalid_state");
	}

	@Test
	void deniedConsentAndAnExpiredIdTokenFailWithAReason() throws Exception {
		String state = query(URI.create(startLogin().headers().firstValue("Location").orElseThrow())).get("state");
		assertThat(get("/api/auth/google/callback?state=" + state + "&error=access_denied", null).headers()
			.firstValue("Location")).hasValue(FRONTEND + "?login=error&reason=consent_denied");

		long usersBefore = count("app_user");
		provider.enqueueCallback(new DefaultOAuth2TokenCallback("google", "eve-" + UUID.randomUUID(), "JWT",
				List.of("vocalhost-test"), Map.of(), -600));
		URI callback = providerRedirect(startLogin());
		assertThat(get(pathOf(callback), null).headers().firstValue("Location"))
			.hasValue(FRONTEND + "?login=error&reason=invalid_id_token");
		assertThat(count("app_user")).isEqualTo(usersBefore);
	}

	@Test
	void refreshRotatesAndAReplayedRefreshTokenRevokesTheSession() throws Exception {
		Session session = signIn("frank-" + UUID.randomUUID(), Map.of());
		HttpResponse<String> refreshed = refresh(session.cookies().get("vh_refresh"));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		Map<String, String> rotated = cookies(refreshed);
		assertThat(rotated.get("vh_refresh")).isNotEqualTo(session.cookies().get("vh_refresh"));
		assertThat(me(rotated.get("vh_access")).path("user").path("name").asString()).startsWith("frank-");

		// Within the grace window a racing request with the old cookie still gets an
		// access token.
		assertThat(refresh(session.cookies().get("vh_refresh")).statusCode()).isEqualTo(200);
		assertThat(meStatus(rotated.get("vh_access"))).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(11));
		HttpResponse<String> replayed = refresh(session.cookies().get("vh_refresh"));
		assertThat(replayed.statusCode()).isEqualTo(401);
		assertThat(refresh(rotated.get("vh_refresh")).statusCode()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(30)).until(() -> meStatus(rotated.get("vh_access")) == 401);
	}

	/** Five rounds, since one race can be won by either order by chance. */
	@Test
	void twoTabsRefreshingAtOnceBothStaySignedInOnOneRotation() throws Exception {
		for (int round = 0; round < 5; round++) {
			Session session = signIn("iris-" + UUID.randomUUID(), Map.of());
			String refreshToken = session.cookies().get("vh_refresh");
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> racing = new ArrayList<>();
			try (ExecutorService tabs = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int tab = 0; tab < 2; tab++) {
					racing.add(tabs.submit(() -> {
						start.await();
						return refresh(refreshToken);
					}));
				}
				start.countDown();
			}
			List<String> newRefreshTokens = new ArrayList<>();
			for (Future<HttpResponse<String>> tab : racing) {
				HttpResponse<String> response = tab.get();
				assertThat(response.statusCode()).isEqualTo(200);
				Map<String, String> cookies = cookies(response);
				assertThat(me(cookies.get("vh_access")).path("user").path("name").asString()).startsWith("iris-");
				if (cookies.containsKey("vh_refresh")) {
					newRefreshTokens.add(cookies.get("vh_refresh"));
				}
			}
			// One of the two rotated the token, the other was answered inside the grace
			// window.
			assertThat(newRefreshTokens).as("round %d", round).hasSize(1);
			HttpResponse<String> next = refresh(newRefreshTokens.get(0));
			assertThat(next.statusCode()).isEqualTo(200);
			assertThat(me(cookies(next).get("vh_access")).path("user").path("name").asString()).startsWith("iris-");
		}
	}

	@Test
	void thirtyIdleMinutesSignTheUserOut() throws Exception {
		Session session = signIn("gina-" + UUID.randomUUID(), Map.of());
		this.clock.advance(Duration.ofMinutes(29));
		HttpResponse<String> active = refresh(session.cookies().get("vh_refresh"));
		assertThat(active.statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		assertThat(refresh(cookies(active).get("vh_refresh")).statusCode()).isEqualTo(401);
	}

	@Test
	void anActiveUserStaysSignedInUpToTheAbsoluteCap() throws Exception {
		Session session = signIn("hugo-" + UUID.randomUUID(), Map.of());
		String refreshToken = session.cookies().get("vh_refresh");
		for (int minutes = 20; minutes < 12 * 60; minutes += 20) {
			this.clock.advance(Duration.ofMinutes(20));
			HttpResponse<String> refreshed = refresh(refreshToken);
			assertThat(refreshed.statusCode()).as("after %d minutes", minutes).isEqualTo(200);
			refreshToken = cookies(refreshed).get("vh_refresh");
		}
		this.clock.advance(Duration.ofMinutes(20));
		assertThat(refresh(refreshToken).statusCode()).isEqualTo(401);
	}

	@Test
	void logoutEndsTheSessionAtOnceAndClearsTheCookies() throws Exception {
		Session session = signIn("ida-" + UUID.randomUUID(), Map.of());
		assertThat(meStatus(session.access())).isEqualTo(200);

		HttpResponse<String> logout = send("POST", "/api/auth/logout", session.access(),
				"vh_refresh=" + session.cookies().get("vh_refresh"));
		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(logout.body()).isEqualTo("{\"message\":\"Successfully logged out\"}");
		assertThat(logout.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("vh_access=;").contains("Max-Age=0"));

		assertThat(refresh(session.cookies().get("vh_refresh")).statusCode()).isEqualTo(401);
		await().atMost(Duration.ofSeconds(30)).until(() -> meStatus(session.access()) == 401);
	}

	@Test
	void meWithoutATokenIsJson401() throws Exception {
		HttpResponse<String> response = get("/api/auth/user/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("Unauthorized");
	}

	@Test
	void publishesTheJwksWithoutPrivateParts() throws Exception {
		JsonNode jwks = json.readTree(get("/.well-known/jwks.json", null).body());
		JsonNode key = jwks.path("keys").get(0);
		assertThat(key.path("kty").asString()).isEqualTo("RSA");
		assertThat(key.path("alg").asString()).isEqualTo("RS256");
		assertThat(key.has("kid")).isTrue();
		assertThat(key.has("d")).isFalse();
		assertThat(key.has("p")).isFalse();
	}

	private Session signIn(String subject, Map<String, Object> claims) throws Exception {
		provider.enqueueCallback(
				new DefaultOAuth2TokenCallback("google", subject, "JWT", List.of("vocalhost-test"), claims, 3600));
		URI callback = providerRedirect(startLogin());
		HttpResponse<String> landed = get(pathOf(callback), null);
		assertThat(landed.statusCode()).isEqualTo(302);
		assertThat(landed.headers().firstValue("Location")).hasValue(FRONTEND + "?login=success");
		return new Session(subject, cookies(landed), landed.headers().allValues("Set-Cookie"));
	}

	private HttpResponse<String> startLogin() throws Exception {
		HttpResponse<String> response = get("/api/auth/google/login?callback=" + encode(FRONTEND), null);
		assertThat(response.statusCode()).isEqualTo(302);
		return response;
	}

	/**
	 * Follows the redirect to the provider, which signs in and redirects back with code
	 * and state.
	 */
	private static URI providerRedirect(HttpResponse<String> login) throws Exception {
		URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
		HttpResponse<String> back = http.send(HttpRequest.newBuilder(authorize).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(back.statusCode()).isEqualTo(302);
		return URI.create(back.headers().firstValue("Location").orElseThrow());
	}

	private JsonNode me(String accessToken) throws Exception {
		HttpResponse<String> response = get("/api/auth/user/me", accessToken);
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private int meStatus(String accessToken) throws Exception {
		return get("/api/auth/user/me", accessToken).statusCode();
	}

	private HttpResponse<String> refresh(String refreshToken) throws Exception {
		return send("POST", "/api/auth/refresh", null, "vh_refresh=" + refreshToken);
	}

	private HttpResponse<String> get(String path, String accessToken) throws Exception {
		return send("GET", path, accessToken, null);
	}

	private HttpResponse<String> send(String method, String path, String accessToken, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long count(String table) {
		return this.jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private static Map<String, String> cookies(HttpResponse<?> response) {
		Map<String, String> cookies = new HashMap<>();
		response.headers().allValues("Set-Cookie").forEach((header) -> {
			String pair = header.split(";", 2)[0];
			cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		});
		return cookies;
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new HashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return query;
	}

	private static String pathOf(URI uri) {
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static KafkaConsumer<String, String> consumer(String topic) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(), "group.id",
						"test-" + UUID.randomUUID(), "auto.offset.reset", "latest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(topic));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			consumer.poll(Duration.ofMillis(100));
			return !consumer.assignment().isEmpty();
		});
		// "latest" is looked up lazily: fix the start now, or a record sent before the
		// next
		// poll is skipped.
		consumer.assignment().forEach(consumer::position);
		return consumer;
	}

	private static void collectIfCarol(ConsumerRecord<String, String> record,
			List<ConsumerRecord<String, String>> registered) {
		if (record.value().contains("carol@example.org")) {
			registered.add(record);
		}
	}

	private static MockOAuth2Server startProvider() {
		MockOAuth2Server server = new MockOAuth2Server();
		server.start();
		return server;
	}

	private record Session(String subject, Map<String, String> cookies, List<String> setCookieHeaders) {

		String access() {
			return this.cookies.get("vh_access");
		}

	}

}
