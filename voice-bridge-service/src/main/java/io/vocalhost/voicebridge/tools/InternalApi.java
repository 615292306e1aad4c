package io.vocalhost.voicebridge.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.vocalhost.common.http.HttpClients;
import io.vocalhost.common.security.ServiceTokens;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Requests to another service's internal API with the bridge's service token, without
 * blocking: the tools run while the call's sockets keep flowing.
 */
final class InternalApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** What a service answered: its status and its JSON body (empty when it had none). */
	record Answer(int status, JsonNode body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/** The service's {@code details} of an error, as it explains a refusal. */
		String details() {
			return this.body.path("details").asString(this.body.path("error").asString("status " + this.status));
		}

	}

	private final HttpClient http;

	private final ServiceTokens tokens;

	private final Duration responseTimeout;

	InternalApi(ServiceTokens tokens, Duration responseTimeout) {
		this.http = HttpClients.jdkClient(Duration.ofSeconds(2));
		this.tokens = tokens;
		this.responseTimeout = responseTimeout;
	}

	CompletableFuture<Answer> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).GET(), Map.of());
	}

	CompletableFuture<Answer> post(URI uri, JsonNode body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), headers);
	}

	private CompletableFuture<Answer> send(HttpRequest.Builder request, Map<String, String> headers) {
		headers.forEach(request::header);
		return this.tokens.tokenAsync().thenCompose((token) -> {
			request.timeout(this.responseTimeout).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
		}).thenApply((response) -> new Answer(response.statusCode(), parse(response.body())));
	}

	private static JsonNode parse(String body) {
		try {
			JsonNode node = (body == null || body.isBlank()) ? null : json.readTree(body);
			return (node != null) ? node : JsonNodeFactory.instance.objectNode();
		}
		catch (JacksonException ex) {
			return JsonNodeFactory.instance.objectNode();
		}
	}

}
