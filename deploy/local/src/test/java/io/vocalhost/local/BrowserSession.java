package io.vocalhost.local;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser signed in through the gateway the way a person does it: the login redirect,
 * the OIDC stand-in's login page (any username), the callback, then cookies on every
 * request.
 */
final class BrowserSession {

	private static final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final StackLayout layout;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private BrowserSession(StackLayout layout) {
		this.layout = layout;
	}

	static BrowserSession signIn(StackLayout layout, String username) throws Exception {
		BrowserSession browser = new BrowserSession(layout);
		HttpResponse<String> login = browser.get("/api/auth/google/login?callback="
				+ URLEncoder.encode("http://localhost:3000/", StandardCharsets.UTF_8));
		assertThat(login.statusCode()).isEqualTo(302);
		URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());

		HttpResponse<String> page = http.send(HttpRequest.newBuilder(authorize).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("username");
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(authorize)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
		assertThat(callback.getPath()).isEqualTo("/api/auth/google/callback");

		HttpResponse<String> landed = browser.get(callback.getRawPath() + "?" + callback.getRawQuery());
		assertThat(landed.statusCode()).isEqualTo(302);
		assertThat(landed.headers().firstValue("Location")).hasValue("http://localhost:3000/?login=success");
		return browser;
	}

	JsonNode me() throws Exception {
		HttpResponse<String> response = get("/api/auth/user/me");
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	String accessToken() {
		return this.cookies.get("vh_access");
	}

	int logout() throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + "/api/auth/logout"))
			.header("X-XSRF-TOKEN", this.cookies.getOrDefault("XSRF-TOKEN", ""))
			.POST(HttpRequest.BodyPublishers.noBody())).statusCode();
	}

	/**
	 * A state change as the frontend sends it: with the CSRF token echoed from its
	 * cookie.
	 */
	HttpResponse<String> change(String method, String path, String contentType, byte[] body)
			throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path))
			.header("X-XSRF-TOKEN", this.cookies.getOrDefault("XSRF-TOKEN", ""))
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.layout.gatewayUrl() + path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		if (!this.cookies.isEmpty()) {
			request.header("Cookie",
					this.cookies.entrySet()
						.stream()
						.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
						.collect(Collectors.joining("; ")));
		}
		HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		for (String header : response.headers().allValues("Set-Cookie")) {
			for (HttpCookie cookie : HttpCookie.parse(header)) {
				if (cookie.getMaxAge() == 0) {
					this.cookies.remove(cookie.getName());
				}
				else {
					this.cookies.put(cookie.getName(), cookie.getValue());
				}
			}
		}
		return response;
	}

}
