package io.vocalhost.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vocalhost.testsupport.SharedInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strict sign-in budget (20 per address, the default) covers the login start and the
 * callback only: people signed in behind one office address keep calling the rest of
 * {@code /api/auth/**} within the ordinary budgets. The budget refills over an hour here
 * instead of a minute, so that a slow machine cannot earn a request back in the middle of
 * a test. Every service is a stand-in that answers 200. The upload budget (10 per user,
 * the default) is held here the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"vocalhost.edge.rate-limits.auth-per-ip.per=1h", "vocalhost.edge.rate-limits.uploads-per-user.per=1h" })
class SignInRateLimitTests {

	private static final DisposableServer downstream = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes.route((request) -> true, (request, response) -> response.sendString(Mono.just("{}"))))
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
	void usersSignedInBehindOneAddressAreNotHeldToTheSignInBudget() throws Exception {
		List<String> sessions = List.of(TestTokens.forUser(101), TestTokens.forUser(102), TestTokens.forUser(103));
		for (int round = 0; round < 10; round++) {
			for (String session : sessions) {
				HttpResponse<String> me = send("GET", "/api/auth/user/me", Map.of("Cookie", "vh_access=" + session));
				assertThat(me.statusCode()).as("me, round %d", round + 1).isEqualTo(200);
			}
		}
		for (String session : sessions) {
			Map<String, String> withCsrf = csrf(session);
			assertThat(send("POST", "/api/auth/refresh", withCsrf).statusCode()).isEqualTo(200);
			assertThat(send("POST", "/api/auth/logout", withCsrf).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void theLoginStartAndTheCallbackShareTheStrictBudgetPerAddress() throws Exception {
		for (int attempt = 1; attempt <= 20; attempt++) {
			assertThat(send("GET", "/api/auth/google/login?callback=http://localhost:3000/", Map.of()).statusCode())
				.as("login start %d", attempt)
				.isNotEqualTo(429);
		}
		HttpResponse<String> refused = send("GET", "/api/auth/google/login?callback=http://localhost:3000/", Map.of());
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3600));
		assertThat(send("GET", "/api/auth/google/callback?code=c&state=s", Map.of()).statusCode()).isEqualTo(429);
	}

	@Test
	void uploadsHaveABudgetPerUserThatOtherUsersAndReadsDoNotShare() throws Exception {
		Map<String, String> ann = csrf(TestTokens.forUser(201));
		for (int upload = 1; upload <= 10; upload++) {
			assertThat(send("POST", "/api/rag/index_files", ann).statusCode()).as("upload %d", upload).isEqualTo(200);
		}
		HttpResponse<String> refused = send("POST", "/api/rag/index_files", ann);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(TestHttp.body(refused).path("error").asString()).isEqualTo("Too many requests");
		assertThat(send("POST", "/api/register/assistant", ann).statusCode()).as("the registration forms too")
			.isEqualTo(429);
		assertThat(send("GET", "/api/rag/documents?assistant_id=1", ann).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/api/rag/index_files", csrf(TestTokens.forUser(202))).statusCode()).isEqualTo(200);
	}

	private static Map<String, String> csrf(String session) {
		return Map.of("Cookie", "vh_access=" + session + "; XSRF-TOKEN=t", "X-XSRF-TOKEN", "t");
	}

	private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(60));
		headers.forEach(request::header);
		return TestHttp.sendAlone(request.build());
	}

}
