package io.vocalhost.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a test makes to a running service, with the headers it chooses (a bearer
 * token, an Origin, ...). Immutable: {@link #as} and {@link #header} answer a new client.
 * The timeout is generous on purpose: a busy CI machine is slow, not broken.
 */
public final class TestHttp {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final Map<String, String> headers;

	private TestHttp(String base, Map<String, String> headers) {
		this.base = base;
		this.headers = headers;
	}

	public static TestHttp at(int port) {
		return at("http://localhost:" + port);
	}

	public static TestHttp at(String base) {
		return new TestHttp(base, Map.of());
	}

	/** The same client, sending {@code Authorization: Bearer token}. */
	public TestHttp as(String token) {
		return header("Authorization", "Bearer " + token);
	}

	/** The same client, sending a signed-in user's token. */
	public TestHttp asUser(long user) {
		return as(TestTokens.forUser(user));
	}

	public TestHttp header(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new TestHttp(this.base, headers);
	}

	public HttpResponse<String> get(String path) {
		return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
	}

	public HttpResponse<String> delete(String path) {
		return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
	}

	/** A request with a JSON body, or none when {@code body} is null. */
	public HttpResponse<String> json(String method, String path, String body) {
		return (body != null) ? send(method, path, HttpRequest.BodyPublishers.ofString(body), "application/json")
				: send(method, path, HttpRequest.BodyPublishers.noBody(), null);
	}

	public HttpResponse<String> multipart(String path, Multipart form) {
		return send("POST", path, form.publisher(), form.contentType());
	}

	public HttpResponse<String> form(String path, String urlEncoded) {
		return send("POST", path, HttpRequest.BodyPublishers.ofString(urlEncoded), "application/x-www-form-urlencoded");
	}

	public HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(PATIENCE)
			.method(method, body);
		this.headers.forEach(request::header);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(method + " " + path + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(method + " " + path + " interrupted", ex);
		}
	}

	/** The answer's body as JSON. */
	/**
	 * Sends a request on a connection of its own and never follows redirects. For a
	 * Reactor Netty server (the gateway, a reactive service): Reactor Netty 1.3.6 can
	 * stop reading a reused keep-alive connection after a request it answered at once
	 * (reactor-netty issue 4361), and the next request on it waits until the client gives
	 * up; that is what timed out gateway tests on a busy machine.
	 */
	public static HttpResponse<String> sendAlone(HttpRequest request) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(30))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	public static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/** Asserts an error answer: its status and the {@code error} summary. */
	public static JsonNode assertError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = body(response);
		assertThat(body.path("error").asString()).as(response.body()).isEqualTo(error);
		assertThat(body.path("details").asString()).as(response.body()).isNotBlank();
		return body;
	}

}
