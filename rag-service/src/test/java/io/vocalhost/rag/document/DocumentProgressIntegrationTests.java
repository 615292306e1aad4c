package io.vocalhost.rag.document;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vocalhost.rag.TestAssistants;
import io.vocalhost.testsupport.Multipart;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.vocalhost.testsupport.TestHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A large upload through the real service with OpenAI embeddings (a stand-in speaking
 * OpenAI's embeddings wire format, which can hold or refuse a batch): the document's
 * status shows the chunks done while it is indexed, and an embedding failure in the
 * middle leaves it {@code failed} with nothing of it stored or searchable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DocumentProgressIntegrationTests {

	private static final OpenAiStandIn openai = new OpenAiStandIn();

	/** Documents embeds 64 chunks at a time; this text makes about 200 chunks. */
	private static final String HANDBOOK = handbook();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void openai(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.rag.embedding.provider", () -> "openai");
		registry.add("vocalhost.rag.embedding.openai-api-key", () -> "sk-test");
		registry.add("vocalhost.rag.embedding.openai-base-url", () -> "http://127.0.0.1:" + openai.port() + "/v1");
		registry.add("vocalhost.rag.embedding.openai-dimensions", () -> "8");
	}

	@AfterEach
	void answerEveryBatch() {
		openai.answerEveryBatch();
	}

	@AfterAll
	static void stopOpenAi() {
		openai.close();
	}

	@Test
	void aLargeUploadShowsTheChunksDoneWhileItIsIndexed() throws Exception {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		CountDownLatch release = openai.holdSecondBatch();
		CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(() -> upload(owner, assistant));

		JsonNode indexing = await().atMost(Duration.ofSeconds(30))
			.until(() -> documents(owner, assistant),
					(documents) -> documents.size() == 1 && documents.get(0).path("chunks_done").asInt() > 0)
			.get(0);
		assertThat(indexing.path("status").asString()).isEqualTo("indexing");
		assertThat(indexing.path("chunks_done").asInt()).isEqualTo(64);
		int total = indexing.path("chunk_count").asInt();
		assertThat(total).isGreaterThan(128);
		assertThat(search(owner, assistant, "lighthouse")).isEmpty();

		release.countDown();
		HttpResponse<String> uploaded = upload.get(30, TimeUnit.SECONDS);
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(body(uploaded).path("indexed").asInt()).isEqualTo(total);
		JsonNode ready = documents(owner, assistant).get(0);
		assertThat(ready.path("status").asString()).isEqualTo("ready");
		assertThat(ready.path("chunks_done").asInt()).isEqualTo(total);
		assertThat(search(owner, assistant, "lighthouse")).isNotEmpty();
	}

	@Test
	void anEmbeddingFailureInTheMiddleLeavesTheDocumentFailedWithNothingStored() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		openai.refuseSecondBatch();

		HttpResponse<String> uploaded = upload(owner, assistant);

		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(body(uploaded).path("indexed").asInt()).isZero();
		JsonNode failed = documents(owner, assistant).get(0);
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("failure").asString()).contains("indexing failed");
		assertThat(this.jdbc.sql("SELECT count(*) FROM chunk WHERE document_id = ?")
			.param(failed.path("id").asLong())
			.query(Integer.class)
			.single()).isZero();
		assertThat(search(owner, assistant, "lighthouse")).isEmpty();

		openai.answerEveryBatch();
		JsonNode again = body(upload(owner, assistant)).path("documents").get(0);
		assertThat(again.path("status").asString()).isEqualTo("ready");
		assertThat(search(owner, assistant, "lighthouse")).isNotEmpty();
	}

	private long assistant(long owner) {
		return TestAssistants.ownedBy(this.jdbc, owner);
	}

	private HttpResponse<String> upload(long owner, long assistant) {
		return TestHttp.at(this.port)
			.asUser(owner)
			.multipart("/api/rag/index_files", new Multipart().field("assistant_id", String.valueOf(assistant))
				.file("files[]", "handbook.txt", HANDBOOK));
	}

	private JsonNode documents(long owner, long assistant) {
		return body(TestHttp.at(this.port).asUser(owner).get("/api/rag/documents?assistant_id=" + assistant))
			.path("documents");
	}

	private JsonNode search(long owner, long assistant, String query) {
		HttpResponse<String> found = TestHttp.at(this.port)
			.asUser(owner)
			.get("/api/rag/search?assistant_id=" + assistant + "&q="
					+ URLEncoder.encode(query, StandardCharsets.UTF_8));
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		return body(found).path("results");
	}

	private static String handbook() {
		StringBuilder text = new StringBuilder();
		for (int paragraph = 1; paragraph <= 200; paragraph++) {
			text.append("Rule ")
				.append(paragraph)
				.append(" of the lighthouse keepers' handbook: the lamp is checked every evening at dusk, the log ")
				.append("is written before midnight, and visitors are shown the stairs only with a guide. ")
				.append("Tours start at ten and at two; tickets cost ")
				.append(paragraph)
				.append(" dollars on weekdays and more on holidays, and children under five go free.\n\n");
		}
		return text.toString();
	}

	/**
	 * OpenAI's {@code POST /v1/embeddings}: a vector of the asked dimensions for each
	 * input; the second batch after {@link #holdSecondBatch()} waits for its release,
	 * after {@link #refuseSecondBatch()} is refused with 400.
	 */
	private static final class OpenAiStandIn implements AutoCloseable {

		private static final JsonMapper json = JsonMapper.builder().build();

		private final HttpServer server;

		private final AtomicInteger batches = new AtomicInteger();

		private volatile CountDownLatch release;

		private volatile boolean refuse;

		OpenAiStandIn() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/v1/embeddings", this::answer);
			this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		CountDownLatch holdSecondBatch() {
			this.batches.set(0);
			this.release = new CountDownLatch(1);
			return this.release;
		}

		void refuseSecondBatch() {
			this.batches.set(0);
			this.refuse = true;
		}

		void answerEveryBatch() {
			this.refuse = false;
			if (this.release != null) {
				this.release.countDown();
			}
			this.release = null;
		}

		private void answer(HttpExchange exchange) throws IOException {
			JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
			boolean second = this.batches.incrementAndGet() == 2;
			CountDownLatch held = this.release;
			if (second && held != null) {
				try {
					held.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (second && this.refuse) {
				respond(exchange, 400, Map.of("error", Map.of("message", "input too long")));
				return;
			}
			List<Map<String, Object>> data = new ArrayList<>();
			int dimensions = request.path("dimensions").asInt();
			for (int i = 0; i < request.path("input").size(); i++) {
				float[] vector = new float[dimensions];
				int hash = request.path("input").get(i).asString().hashCode();
				for (int d = 0; d < dimensions; d++) {
					vector[d] = 1 + ((hash >>> d) & 7);
				}
				data.add(Map.of("object", "embedding", "index", i, "embedding", vector));
			}
			respond(exchange, 200, Map.of("object", "list", "data", data, "model", "text-embedding-3-small"));
		}

		private static void respond(HttpExchange exchange, int status, Object answer) throws IOException {
			byte[] body = json.writeValueAsBytes(answer);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
