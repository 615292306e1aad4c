package io.vocalhost.auth.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.security.ServiceTokens;
import io.vocalhost.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Service tokens by the client-credentials grant, with their own scopes and no user
 * identity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "vocalhost.auth.service-clients.voice-bridge-service.secret=bridge-secret")
@RealInfrastructure
class ServiceTokensIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JwtDecoder decoder;

	@Test
	void aServiceGetsATokenWithItsScopesThatEveryServiceVerifies() throws Exception {
		HttpResponse<String> response = token("grant_type=client_credentials&scope=bookings:read",
				basic("voice-bridge-service", "bridge-secret"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("scope").asString()).isEqualTo("bookings:read");
		assertThat(body.path("expires_in").asLong()).isBetween(1L, 300L);

		Jwt token = this.decoder.decode(body.path("access_token").asString());
		assertThat(token.getSubject()).isEqualTo("service:voice-bridge-service");
		assertThat(token.getClaimAsString("scope")).isEqualTo("bookings:read");
		assertThat(token.getClaimAsString("sid")).isNull();

		HttpResponse<String> asUser = send("GET", "/api/auth/user/me", null,
				"Bearer " + body.path("access_token").asString());
		assertThat(asUser.statusCode()).isEqualTo(403);
		assertThat(json.readTree(asUser.body()).path("error").asString()).isEqualTo("Forbidden");
	}

	@Test
	void withoutAScopeTheClientGetsAllItsScopes() throws Exception {
		HttpResponse<String> response = token(
				"grant_type=client_credentials&client_id=voice-bridge-service" + "&client_secret=bridge-secret", null);
		assertThat(json.readTree(response.body()).path("scope").asString())
			.isEqualTo("bookings:read bookings:write assistants:read knowledge:search");
	}

	@Test
	void aCallingServiceFetchesItsTokenOnceAndSendsItOnItsCalls() {
		URI tokenUri = URI.create("http://localhost:" + this.port + "/oauth2/token");
		ServiceTokens tokens = new ServiceTokens(tokenUri, "voice-bridge-service", "bridge-secret", "bookings:read",
				Clock.systemUTC());
		String first = tokens.token();
		assertThat(tokens.token()).isSameAs(first);
		assertThat(this.decoder.decode(first).getSubject()).isEqualTo("service:voice-bridge-service");

		RestClient client = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.requestInterceptor(tokens.interceptor())
			.build();
		// Verified as a service token, which a user endpoint refuses: the token was sent
		// and checked.
		HttpStatusCode status = client.get()
			.uri("/api/auth/user/me")
			.exchange((request, response) -> response.getStatusCode());
		assertThat(status.value()).isEqualTo(403);

		ServiceTokens misconfigured = new ServiceTokens(tokenUri, "voice-bridge-service", "wrong", null,
				Clock.systemUTC());
		assertThatExceptionOfType(ApiException.class).isThrownBy(misconfigured::token)
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(503));
	}

	@Test
	void refusesBadClientsScopesAndGrants() throws Exception {
		assertError(token("grant_type=client_credentials", basic("voice-bridge-service", "wrong")), 401,
				"invalid_client");
		assertError(token("grant_type=client_credentials", basic("no-such-client", "x")), 401, "invalid_client");
		// A configured client without a secret is disabled.
		assertError(token("grant_type=client_credentials", basic("assistant-service", "")), 401, "invalid_client");
		assertError(token("grant_type=client_credentials", null), 401, "invalid_client");
		assertError(token("grant_type=client_credentials&scope=documents:index",
				basic("voice-bridge-service", "bridge-secret")), 400, "invalid_scope");
		assertError(token("grant_type=password", basic("voice-bridge-service", "bridge-secret")), 400,
				"unsupported_grant_type");
	}

	private static void assertError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo(error);
	}

	private HttpResponse<String> token(String form, String authorization) throws Exception {
		return send("POST", "/oauth2/token", form, authorization);
	}

	private HttpResponse<String> send(String method, String path, String form, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method,
					(form != null) ? HttpRequest.BodyPublishers.ofString(form) : HttpRequest.BodyPublishers.noBody());
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String client, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

}
