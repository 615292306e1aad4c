package io.vocalhost.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vocalhost.testsupport.SharedInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of stand-in services (real HTTP and WebSocket servers on local
 * ports): every public path reaches its service, and a service that is down or slow gives
 * a JSON 503 or 504 quickly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s", "GATEWAY_UPLOAD_TIMEOUT_MS=4000" })
class GatewayRoutingTests {

	private static final String TOKEN = TestTokens.forUser(7);

	private static final Map<String, DisposableServer> standIns = new LinkedHashMap<>();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void standInServices(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.security.jwks-uri", TestTokens::jwksUri);
		registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
		registry.add("vocalhost.frontend.dir", GatewayRoutingTests::builtFrontend);
		for (String name : Downstreams.NAMES) {
			DisposableServer server = standIns.computeIfAbsent(name, GatewayRoutingTests::echoServer);
			registry.add("vocalhost.services." + name, () -> "http://127.0.0.1:" + server.port());
		}
	}

	/** A built single-page frontend, as its bundler leaves it. */
	private static String builtFrontend() {
		try {
			Path folder = Files.createTempDirectory("frontend");
			Files.createDirectories(folder.resolve("assets"));
			Files.writeString(folder.resolve("index.html"), "<html>frontend</html>");
			Files.writeString(folder.resolve("assets/app-1a2b.js"), "console.log('app')");
			Files.writeString(folder.resolve("favicon.svg"), "<svg/>");
			Files.writeString(folder.getParent().resolve("secret.txt"), "outside");
			return folder.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stopStandIns() {
		standIns.values().forEach(DisposableServer::disposeNow);
	}

	@Test
	void servesTheBuiltFrontendAtItsRootAndItsRoutes() throws Exception {
		for (String route : List.of("/", "/index.html", "/dashboard", "/plans", "/schedule/7")) {
			HttpResponse<String> page = send("GET", route, null, "text/html");
			assertThat(page.statusCode()).as(route).isEqualTo(200);
			assertThat(page.body()).as(route).isEqualTo("<html>frontend</html>");
			assertThat(page.headers().firstValue("Content-Type")).as(route)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.headers().firstValue("Cache-Control")).as(route).hasValue("no-cache");
		}
		HttpResponse<String> script = send("GET", "/assets/app-1a2b.js", null, "*/*");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).isEqualTo("console.log('app')");
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("javascript"));
		assertThat(send("HEAD", "/favicon.svg", null, "*/*").statusCode()).isEqualTo(200);
	}

	@Test
	void theFrontendNeverShadowsTheApiNorLeavesItsFolder() throws Exception {
		HttpResponse<String> missingFile = send("GET", "/assets/missing.js", null, "*/*");
		assertThat(missingFile.statusCode()).isEqualTo(404);
		assertThat(json.readTree(missingFile.body()).path("error").asString()).isEqualTo("Not found");
		for (String outside : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt")) {
			assertThat(send("GET", outside, null, "*/*").body()).as(outside).doesNotContain("outside");
		}
		HttpResponse<String> unknownApi = send("GET", "/api/no-such-thing", null, "text/html");
		assertThat(unknownApi.statusCode()).isEqualTo(401);
		assertThat(unknownApi.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(send("GET", "/api/system/status", null, "*/*").body()).contains("services");
		assertThat(send("POST", "/dashboard", null, "text/html").statusCode()).isEqualTo(401);
		// Only a browser's navigation (Accept: text/html) gets the frontend's page.
		assertThat(send("GET", "/dashboard", null, "application/json").statusCode()).isEqualTo(401);
	}

	@ParameterizedTest
	@CsvSource({ "GET, /api/auth/google/login?callback=http://localhost:3000/, auth-service, false",
			"GET, /api/auth/user/me, auth-service, true", "POST, /api/auth/logout, auth-service, false",
			"GET, /api/assistants?user_id=1, assistant-service, true", "POST, /api/register, assistant-service, true",
			"POST, /api/register/assistant, assistant-service, true",
			"PATCH, /api/assistant/7, assistant-service, true", "GET, /api/my-agents, assistant-service, true",
			"GET, /api/slots/7?date=2026-12-01, booking-service, true",
			"GET, /api/bookings/7?start_date=2026-12-01&end_date=2026-12-07, booking-service, true",
			"GET, /api/customers?assistant_id=7, booking-service, true",
			"POST, /stripe/create-checkout-session, billing-service, true",
			"POST, /stripe/create-customer-portal-session, billing-service, true",
			"POST, /stripe/webhook, billing-service, false", "POST, /voice/voice, voice-bridge-service, false",
			"POST, /api/rag/index_files, rag-service, true" })
	void routesEveryPublicPathToItsService(String method, String path, String service, boolean signedIn)
			throws Exception {
		HttpResponse<String> response = send(method, path, TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-VocalHost-Service")).hasValue(service);
		assertThat(response.body()).isEqualTo(method + " " + path);
		// Protected routes get the verified identity as a bearer token; public ones get
		// none.
		assertThat(response.headers().firstValue("X-Echo-Authorization"))
			.hasValue(signedIn ? "Bearer " + TOKEN : "null");
	}

	@Test
	void aCallersTraceReachesTheServiceWithoutTraceExport() throws Exception {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		HttpResponse<String> response = TestHttp.sendAlone(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/slots/7?date=2026-12-01"))
					.header("Authorization", "Bearer " + TOKEN)
					.header("traceparent", traceparent)
					.timeout(Duration.ofSeconds(60))
					.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Echo-Traceparent")).hasValue(traceparent);
	}

	@Test
	void upgradesCallStreamsToAWebSocketOnTheVoiceBridge() {
		URI uri = URI.create("ws://localhost:" + this.port + "/ws/call/conversation-1");
		String echoed = new ReactorNettyWebSocketClient()
			.execute(uri,
					(session) -> session.send(Mono.just(session.textMessage("media")))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1))
						.then())
			.then(Mono.just("done"))
			.block(Duration.ofSeconds(10));
		assertThat(echoed).isEqualTo("done");
		// What arrived is asserted after the session, so no message at all fails too.
		List<String> received = new CopyOnWriteArrayList<>();
		new ReactorNettyWebSocketClient()
			.execute(uri,
					(session) -> session.send(Mono.just(session.textMessage("media")))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1))
						.doOnNext(received::add)
						.then())
			.block(Duration.ofSeconds(60));
		assertThat(received).containsExactly("voice-bridge-service /ws/call/conversation-1 media");
	}

	@Test
	void aServiceThatIsDownGivesJson503Quickly() throws Exception {
		standIns.get("billing-service").disposeNow();
		try {
			HttpResponse<String> response = send("POST", "/stripe/webhook");
			assertThat(response.statusCode()).isEqualTo(503);
			assertJsonError(response, "Service unavailable", "billing-service is not reachable");
			assertThat(send("GET", "/api/auth/user/me", TOKEN).statusCode()).isEqualTo(200);
		}
		finally {
			standIns.put("billing-service", echoServerOn("billing-service", portOf("billing-service")));
		}
	}

	@Test
	void aServiceThatIsSlowGivesJson504AfterTheResponseTimeout() throws Exception {
		HttpResponse<String> response = send("GET", "/api/slots/7?slow=true", TOKEN);
		assertThat(response.statusCode()).isEqualTo(504);
		assertJsonError(response, "Gateway timeout", "booking-service did not answer in time");
	}

	@ParameterizedTest
	@CsvSource({ "/api/register, assistant-service", "/api/register/assistant, assistant-service",
			"/api/rag/index_files, rag-service" })
	void uploadRoutesWaitLongerThanTheResponseTimeout(String path, String service) throws Exception {
		HttpResponse<String> response = send("POST", path + "?delay=2s", TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-VocalHost-Service")).hasValue(service);
		assertThat(send("GET", "/api/slots/7?delay=2s", TOKEN).statusCode()).isEqualTo(504);
	}

	@Test
	void aRegistrationThatOutlastsTheUploadTimeoutNamesItsService() throws Exception {
		HttpResponse<String> response = send("POST", "/api/register?slow=true", TOKEN);
		assertThat(response.statusCode()).isEqualTo(504);
		assertJsonError(response, "Gateway timeout", "assistant-service did not answer in time");
	}

	@Test
	void anUnknownPathGivesJson404() throws Exception {
		assertThat(send("GET", "/no/such/path").statusCode()).isEqualTo(401);
		HttpResponse<String> response = send("GET", "/no/such/path", TOKEN);
		assertThat(response.statusCode()).isEqualTo(404);
		assertJsonError(response, "Not found", "No endpoint GET /no/such/path");
	}

	@Test
	void aWrongMethodOnTheGatewaysOwnEndpointGivesJson405() throws Exception {
		HttpResponse<String> response = send("DELETE", "/api/system/status");
		assertThat(response.statusCode()).isEqualTo(405);
		assertJsonError(response, "Method not allowed", "Method not supported for DELETE /api/system/status");
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void reportsItsOwnHealthAndMetrics() throws Exception {
		assertThat(send("GET", "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		assertThat(send("GET", "/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
		assertThat(send("GET", "/actuator/prometheus").body()).contains("application=\"gateway-service\"");
	}

	@Test
	void theStatusPageListsEveryServiceWithItsHealth() throws Exception {
		standIns.get("assistant-service").disposeNow();
		try {
			HttpResponse<String> response = send("GET", "/api/system/status");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode status = json.readTree(response.body());
			assertThat(status.path("status").asString()).isEqualTo("DEGRADED");
			Map<String, String> health = new LinkedHashMap<>();
			status.path("services")
				.forEach((service) -> health.put(service.path("name").asString(), service.path("status").asString()));
			assertThat(health).containsExactly(Map.entry("gateway-service", "UP"), Map.entry("auth-service", "UP"),
					Map.entry("assistant-service", "DOWN"), Map.entry("booking-service", "UP"),
					Map.entry("billing-service", "UP"), Map.entry("voice-bridge-service", "UP"),
					Map.entry("rag-service", "UP"));
		}
		finally {
			standIns.put("assistant-service", echoServerOn("assistant-service", portOf("assistant-service")));
		}
	}

	@Test
	void oneSwaggerUiShowsEveryServicesOpenApiDocument() throws Exception {
		JsonNode config = json.readTree(send("GET", "/v3/api-docs/swagger-config").body());
		List<String> documents = config.path("urls").valueStream().map((url) -> url.path("url").asString()).toList();
		assertThat(documents).containsExactlyInAnyOrder("/v3/api-docs", "/openapi/auth-service",
				"/openapi/assistant-service", "/openapi/booking-service", "/openapi/billing-service",
				"/openapi/voice-bridge-service", "/openapi/rag-service");

		HttpResponse<String> rag = send("GET", "/openapi/rag-service");
		assertThat(rag.headers().firstValue("X-VocalHost-Service")).hasValue("rag-service");
		assertThat(rag.body()).isEqualTo("GET /v3/api-docs");
		assertThat(send("GET", "/openapi/no-such-service").statusCode()).isEqualTo(404);
		assertThat(send("GET", "/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	private void assertJsonError(HttpResponse<String> response, String error, String details) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("error").asString()).isEqualTo(error);
		assertThat(body.path("details").asString()).isEqualTo(details);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return send(method, path, null);
	}

	private HttpResponse<String> send(String method, String path, String token) throws Exception {
		return send(method, path, token, null);
	}

	private HttpResponse<String> send(String method, String path, String token, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(60));
		if (accept != null) {
			request.header("Accept", accept);
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return TestHttp.sendAlone(request.build());
	}

	private static int portOf(String service) {
		return standIns.get(service).port();
	}

	private static DisposableServer echoServer(String name) {
		return echoServerOn(name, 0);
	}

	/**
	 * Answers every request with its method and path, and names itself like a real
	 * service.
	 */
	private static DisposableServer echoServerOn(String name, int port) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes
				.get("/actuator/health",
						(request, response) -> response.header("Content-Type", "application/json")
							.sendString(Mono.just("{\"status\":\"UP\"}")))
				.ws("/ws/call/{id}",
						(in, out) -> out.sendString(
								in.receive().asString().map((text) -> name + " /ws/call/" + "conversation-1 " + text)))
				.route((request) -> true, (request, response) -> response.header("X-VocalHost-Service", name)
					.header("X-Echo-Authorization", String.valueOf(request.requestHeaders().get("Authorization")))
					.header("X-Echo-Traceparent", String.valueOf(request.requestHeaders().get("traceparent")))
					.sendString(Mono.just(request.method().name() + " " + request.uri())
						.delayElement(delayAsked(request.uri())))))
			.bindNow();
	}

	/**
	 * {@code slow=true} outlasts every timeout; {@code delay=2s} outlasts only the 1 s
	 * one, not the uploads' 4 s.
	 */
	private static Duration delayAsked(String uri) {
		if (uri.contains("slow=true")) {
			return Duration.ofSeconds(30);
		}
		return uri.contains("delay=2s") ? Duration.ofSeconds(2) : Duration.ZERO;
	}

}
