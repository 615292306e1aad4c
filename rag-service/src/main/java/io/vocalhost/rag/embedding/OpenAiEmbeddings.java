package io.vocalhost.rag.embedding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's embeddings API ({@code POST {base}/embeddings}), batched, each batch retried
 * with exponential backoff on a network failure, 429 or 5xx. The vectors are asked for at
 * {@code dimensions} (text-embedding-3 models shorten their vectors on request), so that
 * they fit the index's HNSW graph (at most 1024).
 */
public class OpenAiEmbeddings implements Embeddings {

	private static final int BATCH = 256;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI endpoint;

	private final String apiKey;

	private final String model;

	private final int dimensions;

	private final Retry retry;

	public OpenAiEmbeddings(URI baseUrl, String apiKey, String model, int dimensions, int attempts) {
		this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/embeddings");
		this.apiKey = apiKey;
		this.model = model;
		this.dimensions = dimensions;
		this.retry = Retry.of("openai-embeddings",
				RetryConfig.custom()
					.maxAttempts(attempts)
					.intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2))
					.retryOnException((ex) -> ex instanceof IOException)
					.build());
	}

	@Override
	public String model() {
		return "openai:" + this.model;
	}

	@Override
	public int dimension() {
		return this.dimensions;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		List<float[]> vectors = new ArrayList<>(texts.size());
		for (int start = 0; start < texts.size(); start += BATCH) {
			List<String> batch = texts.subList(start, Math.min(texts.size(), start + BATCH));
			try {
				vectors.addAll(this.retry.executeCallable(() -> request(batch)));
			}
			catch (EmbeddingsUnavailableException ex) {
				throw ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new EmbeddingsUnavailableException("interrupted", ex);
			}
			catch (Exception ex) {
				throw new EmbeddingsUnavailableException("OpenAI embeddings failed: " + ex.getMessage(), ex);
			}
		}
		return vectors;
	}

	private List<float[]> request(List<String> batch) throws IOException, InterruptedException {
		byte[] body = json
			.writeValueAsBytes(Map.of("model", this.model, "input", batch, "dimensions", this.dimensions));
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + this.apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		int status = response.statusCode();
		if (status == 429 || status >= 500) {
			throw new RetryableAnswer(status);
		}
		if (status != 200) {
			throw new EmbeddingsUnavailableException("OpenAI embeddings answered " + status + ": " + response.body(),
					null);
		}
		Answer answer = json.readValue(response.body(), Answer.class);
		if (answer.data() == null || answer.data().size() != batch.size()) {
			throw new EmbeddingsUnavailableException("OpenAI embeddings answered a vector count unlike the input's",
					null);
		}
		return answer.data().stream().sorted(Comparator.comparingInt(Datum::index)).map((datum) -> {
			if (datum.embedding().length != this.dimensions) {
				throw new EmbeddingsUnavailableException(
						"OpenAI answered " + datum.embedding().length + " dimensions instead of " + this.dimensions,
						null);
			}
			return datum.embedding();
		}).toList();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Answer(List<Datum> data) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Datum(int index, float[] embedding) {
	}

	/** A 429 or 5xx: worth another try. */
	private static final class RetryableAnswer extends IOException {

		RetryableAnswer(int status) {
			super("OpenAI embeddings answered " + status);
		}

	}

}
