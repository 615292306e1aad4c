package io.vocalhost.rag.embedding;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The OpenAI adapter against a stand-in that speaks OpenAI's embeddings wire format: the
 * request it sends, batches, the order of the answer, retries on 429 and 5xx, no retry on
 * a refusal, and a dimension other than the one asked refused.
 */
class OpenAiEmbeddingsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	/** Statuses to answer before answering vectors. */
	private final List<Integer> failures = new CopyOnWriteArrayList<>();

	private final AtomicInteger dimensionsAnswered = new AtomicInteger(-1);

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/embeddings", this::answer);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void sendsTheModelTheInputsAndTheDimensionsAndKeepsTheOrder() {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			texts.add("text " + i);
		}
		List<float[]> vectors = embeddings(4).embed(texts);
		assertThat(vectors).hasSize(300);
		assertThat(vectors.get(0)[0]).isEqualTo(0f);
		assertThat(vectors.get(299)[0]).isEqualTo(299f);
		assertThat(this.requests).hasSize(2);
		assertThat(this.requests.get(0).path("model").asString()).isEqualTo("text-embedding-3-small");
		assertThat(this.requests.get(0).path("dimensions").asInt()).isEqualTo(8);
		assertThat(this.requests.get(0).path("input")).hasSize(256);
		assertThat(this.requests.get(1).path("input")).hasSize(44);
		assertThat(this.authorizations).containsOnly("Bearer sk-test");
	}

	@Test
	void retriesRateLimitsAndServerErrorsButNotARefusal() {
		this.failures.addAll(List.of(429, 503));
		assertThat(embeddings(4).embed(List.of("a", "b"))).hasSize(2);
		assertThat(this.requests).hasSize(3);

		this.requests.clear();
		this.failures.addAll(List.of(500, 500, 500, 500));
		assertThatExceptionOfType(EmbeddingsUnavailableException.class)
			.isThrownBy(() -> embeddings(4).embed(List.of("a")));
		assertThat(this.requests).hasSize(4);

		this.requests.clear();
		this.failures.clear();
		this.failures.add(401);
		assertThatExceptionOfType(EmbeddingsUnavailableException.class)
			.isThrownBy(() -> embeddings(4).embed(List.of("a")))
			.withMessageContaining("Embeddings unavailable");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void vectorsOfAnotherDimensionAreRefused() {
		this.dimensionsAnswered.set(3);
		assertThatExceptionOfType(EmbeddingsUnavailableException.class)
			.isThrownBy(() -> embeddings(1).embed(List.of("a")))
			.satisfies((ex) -> assertThat(ex.body().details()).contains("3 dimensions instead of 8"));
	}

	private OpenAiEmbeddings embeddings(int attempts) {
		URI base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/");
		return new OpenAiEmbeddings(base, "sk-test", "text-embedding-3-small", 8, attempts);
	}

	private void answer(HttpExchange exchange) throws IOException {
		JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
		this.requests.add(request);
		this.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
		byte[] body;
		int status;
		if (!this.failures.isEmpty()) {
			status = this.failures.remove(0);
			body = "{\"error\":{\"message\":\"no\"}}".getBytes();
		}
		else {
			status = 200;
			int dimensions = (this.dimensionsAnswered.get() > 0) ? this.dimensionsAnswered.get()
					: request.path("dimensions").asInt();
			List<Map<String, Object>> data = new ArrayList<>();
			int offset = Integer.parseInt(request.path("input").get(0).asString().replaceAll("\\D", "0"));
			int count = request.path("input").size();
			// Answered in reverse order: the adapter must sort by index.
			for (int i = count - 1; i >= 0; i--) {
				float[] vector = new float[dimensions];
				vector[0] = offset + i;
				data.add(Map.of("object", "embedding", "index", i, "embedding", vector));
			}
			body = json.writeValueAsBytes(Map.of("object", "list", "data", data, "model", "text-embedding-3-small"));
		}
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
