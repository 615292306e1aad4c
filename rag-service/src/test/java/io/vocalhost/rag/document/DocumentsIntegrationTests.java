package io.vocalhost.rag.document;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.rag.TestAssistants;
import io.vocalhost.rag.TestDocuments;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.Multipart;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import io.vocalhost.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static io.vocalhost.testsupport.TestHttp.assertError;
import static io.vocalhost.testsupport.TestHttp.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The documents API over real HTTP on the real database, Kafka, embedding model and
 * Lucene index: upload with identity and ownership, content-sniffed types, chunk counts
 * that are real, hybrid search finding exact prices and paraphrases, one assistant never
 * seeing another's passages, dedupe, delete, the assistant-deleted purge, refusals that
 * store nothing, and a document interrupted mid-indexing never becoming searchable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DocumentsIntegrationTests {

	static final byte[] PRICES_PDF = TestDocuments.pdf(List.of(
			List.of("Bright Smile Dental - Prices", "Cleaning and polish ........ $95", "Teeth whitening ........ $250",
					"Composite filling ........ $140", "We accept Delta Dental, Aetna and Cigna insurance."),
			List.of("Opening hours", "Monday to Friday 8:00 - 18:00", "Saturday 9:00 - 13:00", "Sunday closed")));

	static final String FAQ = """
			# Frequently asked questions

			## Where can I park?

			There is free parking behind the building; the entrance is from **Oak Street**.

			## Do you treat children?

			Yes, we see [children](https://example.com/kids) from the age of three.
			""";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Documents documents;

	@Autowired
	ScheduledTaskHolder scheduledTasks;

	@Test
	void indexesAPdfAndAMarkdownFaqAndFindsAPriceAndAParaphrase() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		HttpResponse<String> uploaded = upload(owner, assistant,
				new Multipart().field("assistant_id", String.valueOf(assistant))
					.field("user_id", String.valueOf(owner))
					.file("files[]", "prices.pdf", "application/pdf", PRICES_PDF)
					// The type comes from the content: a Markdown FAQ named .txt is
					// Markdown.
					.file("files[]", "faq.txt", "text/plain", FAQ.getBytes(StandardCharsets.UTF_8)));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

		JsonNode listed = body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents");
		assertThat(listed).hasSize(2);
		assertThat(listed.valueStream().map((document) -> document.path("type").asString())).containsExactly("pdf",
				"md");
		assertThat(listed.valueStream().map((document) -> document.path("status").asString())).containsOnly("ready");
		int chunks = listed.valueStream().mapToInt((document) -> document.path("chunk_count").asInt()).sum();
		assertThat(body(uploaded).path("indexed").asInt()).isEqualTo(chunks).isPositive();
		assertThat(listed.get(0).path("sha256").asString()).hasSize(64);
		assertThat(listed.get(0).path("size").asLong()).isEqualTo(PRICES_PDF.length);
		assertThat(listed.get(0).has("uploaded_at")).isTrue();

		JsonNode price = search(owner, assistant, "how much is a cleaning?").get(0);
		assertThat(price.path("text").asString()).contains("$95");
		assertThat(price.path("document_name").asString()).isEqualTo("prices.pdf");
		assertThat(price.path("page").asInt()).isEqualTo(1);
		assertThat(search(owner, assistant, "do you take Delta Dental?").get(0).path("text").asString())
			.contains("Delta Dental");
		JsonNode hours = search(owner, assistant, "are you open on saturday").get(0);
		assertThat(hours.path("page").asInt()).isEqualTo(2);

		JsonNode parking = search(owner, assistant, "is there somewhere to leave my car?");
		assertThat(parking.valueStream().limit(3).map((result) -> result.path("text").asString()))
			.anyMatch((text) -> text.contains("free parking behind the building"));
		JsonNode faq = parking.valueStream()
			.filter((result) -> result.path("text").asString().contains("free parking"))
			.findFirst()
			.orElseThrow();
		assertThat(faq.path("heading").asString()).isEqualTo("Where can I park?");
		assertThat(faq.path("text").asString()).contains("Oak Street").doesNotContain("**");
		assertThat(faq.has("page")).isFalse();
	}

	@Test
	void anotherUserGets404AndAForeignUserIdIsRefused() {
		long owner = TestAssistants.newId();
		long stranger = TestAssistants.newId();
		long assistant = assistant(owner);
		assertThat(upload(owner, assistant, faqForm(assistant)).statusCode()).isEqualTo(200);
		long document = body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")
			.get(0)
			.path("id")
			.asLong();

		assertError(upload(owner, assistant, faqForm(assistant).field("user_id", String.valueOf(stranger))), 403,
				"Forbidden");
		assertError(upload(stranger, assistant, faqForm(assistant)), 404, "Assistant not found");
		assertError(http(stranger).get("/api/rag/documents?assistant_id=" + assistant), 404, "Assistant not found");
		assertError(http(stranger).get("/api/rag/search?assistant_id=" + assistant + "&q=parking"), 404,
				"Assistant not found");
		assertError(http(stranger).delete("/api/rag/documents/" + document), 404, "Document not found");
		assertThat(search(owner, assistant, "parking")).isNotEmpty();
	}

	@Test
	void theSameFileIsIndexedOnceAndADeletedOneLeavesTheSearch() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		int first = body(upload(owner, assistant, pricesForm(assistant))).path("indexed").asInt();
		JsonNode again = body(upload(owner, assistant, pricesForm(assistant)));
		assertThat(again.path("indexed").asInt()).isEqualTo(first);
		assertThat(again.path("duplicates").get(0).asString()).isEqualTo("prices.pdf");
		assertThat(body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")).hasSize(1);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM chunk c JOIN document d ON d.id = c.document_id" + " WHERE d.assistant_id = ?")
			.param(assistant)
			.query(Integer.class)
			.single()).isEqualTo(first);

		long document = again.path("documents").get(0).path("id").asLong();
		assertThat(http(owner).delete("/api/rag/documents/" + document).statusCode()).isEqualTo(204);
		assertThat(search(owner, assistant, "how much is a cleaning?")).isEmpty();
		assertThat(body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")).isEmpty();

		assertThat(body(upload(owner, assistant, pricesForm(assistant))).path("indexed").asInt()).isEqualTo(first);
		assertThat(search(owner, assistant, "how much is a cleaning?").get(0).path("text").asString()).contains("$95");
	}

	@Test
	void anAssistantOnlyEverSeesItsOwnPassages() {
		long owner = TestAssistants.newId();
		long dentist = assistant(owner);
		long bakery = assistant(owner);
		upload(owner, dentist, pricesForm(dentist));
		upload(owner, bakery, new Multipart().field("assistant_id", String.valueOf(bakery))
			.file("files[]", "bakery.txt", "Sourdough bread costs $6. We bake every morning from five."));

		assertThat(search(owner, bakery, "how much is a cleaning?").valueStream()
			.map((result) -> result.path("document_name").asString())).containsOnly("bakery.txt");
		assertThat(search(owner, dentist, "sourdough bread").valueStream()
			.map((result) -> result.path("document_name").asString())).containsOnly("prices.pdf");
		JsonNode internal = body(TestHttp.at(this.port)
			.as(serviceToken("knowledge:search"))
			.json("POST", "/internal/search", "{\"assistant_id\":" + bakery + ",\"query\":\"bread\",\"k\":3}"))
			.path("results");
		assertThat(internal.get(0).path("text").asString()).contains("Sourdough");
		assertThat(internal.valueStream().map((result) -> result.path("document_name").asString()))
			.containsOnly("bakery.txt");
		assertError(
				TestHttp.at(this.port)
					.as(serviceToken("documents:index"))
					.json("POST", "/internal/search", "{\"assistant_id\":" + bakery + ",\"query\":\"bread\"}"),
				403, "Forbidden");
	}

	@Test
	void unreadableFilesAreRefusedByNameAndNothingIsStored() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		JsonNode encrypted = assertError(
				upload(owner, assistant,
						faqForm(assistant).file("files[]", "secret.pdf", "application/pdf",
								TestDocuments.encryptedPdf(List.of("Prices are secret")))),
				422, "Document not indexable");
		assertThat(encrypted.path("details").asString()).contains("secret.pdf").contains("encrypted");
		assertThat(assertError(upload(owner, assistant, pdfForm(assistant, "scan.pdf", TestDocuments.scannedPdf(2))),
				422, "Document not indexable")
			.path("details")
			.asString()).contains("scan.pdf").contains("no text layer");
		assertThat(
				assertError(
						upload(owner, assistant,
								pdfForm(assistant, "cut.pdf",
										java.util.Arrays.copyOf(PRICES_PDF, PRICES_PDF.length / 3))),
						422, "Document not indexable")
					.path("details")
					.asString())
			.contains("cut.pdf");
		assertThat(assertError(upload(owner, assistant,
				new Multipart().field("assistant_id", String.valueOf(assistant))
					.file("files[]", "blank.txt", "  \n\n ")),
				422, "Document not indexable")
			.path("details")
			.asString()).contains("blank.txt");
		assertError(upload(owner, assistant, new Multipart().field("assistant_id", String.valueOf(assistant))), 400,
				"Invalid request");
		Multipart eleven = new Multipart().field("assistant_id", String.valueOf(assistant));
		for (int i = 0; i < 11; i++) {
			eleven.file("files[]", "note" + i + ".txt", "Note number " + i);
		}
		assertError(upload(owner, assistant, eleven), 400, "Invalid request");
		assertThat(body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")).isEmpty();
	}

	@Test
	void aFileNameIsOnlyShownAsItsLastSegmentNeverUsedAsAPath() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		HttpResponse<String> uploaded = upload(owner, assistant,
				new Multipart().field("assistant_id", String.valueOf(assistant))
					.file("files[]", "../../etc/faq.md", "text/markdown", FAQ.getBytes(StandardCharsets.UTF_8))
					.file("files[]", "/var/tmp/bakery.txt", "Sourdough bread costs $6."));
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
		assertThat(body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")
			.valueStream()
			.map((document) -> document.path("name").asString())).containsExactly("faq.md", "bakery.txt");
	}

	@Test
	void aDeletedAssistantLosesItsDocumentsAndVectors() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		upload(owner, assistant, faqForm(assistant));
		KafkaEvents.publish(Topics.ASSISTANT_EVENTS, String.valueOf(assistant),
				new AssistantDeleted(UUID.randomUUID(), Instant.now(), assistant, owner, null),
				EventCatalog.kafkaTypeMappings());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM document WHERE assistant_id = ?")
				.param(assistant)
				.query(Integer.class)
				.single() == 0);
		assertError(http(owner).get("/api/rag/search?assistant_id=" + assistant + "&q=parking"), 404,
				"Assistant not found");
	}

	@Test
	void aDocumentInterruptedWhileIndexingIsFailedAtStartAndNeverSearchable() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		upload(owner, assistant, faqForm(assistant));
		// What a crash between storing the chunks and marking the document ready leaves,
		// once the crashed instance's last heartbeat is older than the limit (5 minutes).
		indexingWithHeartbeat(assistant, "6 minutes");
		assertThat(search(owner, assistant, "where can I park?")).isEmpty();

		this.documents.run(null);

		JsonNode document = body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")
			.get(0);
		assertThat(document.path("status").asString()).isEqualTo("failed");
		assertThat(document.path("failure").asString()).contains("interrupted");
		assertThat(this.jdbc.sql("SELECT count(*) FROM chunk WHERE document_id = ?")
			.param(document.path("id").asLong())
			.query(Integer.class)
			.single()).isZero();
		JsonNode again = body(upload(owner, assistant, faqForm(assistant)));
		assertThat(again.path("documents").get(0).path("status").asString()).isEqualTo("ready");
		assertThat(search(owner, assistant, "where can I park?")).isNotEmpty();
	}

	@Test
	void aDocumentAnotherInstanceIsIndexingIsLeftAloneUntilItsHeartbeatIsStale() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		upload(owner, assistant, faqForm(assistant));
		// Another instance at work on it, which showed progress a minute ago.
		indexingWithHeartbeat(assistant, "1 minute");

		this.documents.run(null);
		this.documents.failAbandoned();
		assertThat(body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")
			.get(0)
			.path("status")
			.asString()).isEqualTo("indexing");

		indexingWithHeartbeat(assistant, "6 minutes");
		this.documents.failAbandoned();
		assertThat(body(http(owner).get("/api/rag/documents?assistant_id=" + assistant)).path("documents")
			.get(0)
			.path("status")
			.asString()).isEqualTo("failed");
		assertThat(search(owner, assistant, "where can I park?")).isEmpty();
		// And the check runs by itself, every minute.
		assertThat(this.scheduledTasks.getScheduledTasks()).map(ScheduledTask::toString)
			.contains(Documents.class.getName() + ".failAbandoned");
	}

	@Test
	void assistantServiceIndexesForANewAssistantWithItsServiceToken() {
		long owner = TestAssistants.newId();
		long assistant = TestAssistants.newId();
		Multipart form = new Multipart().field("assistant_id", String.valueOf(assistant))
			.field("owner_id", String.valueOf(owner))
			.file("files[]", "faq.md", "text/markdown", FAQ.getBytes(StandardCharsets.UTF_8));
		assertError(
				TestHttp.at(this.port).as(serviceToken("knowledge:search")).multipart("/internal/index_files", form),
				403, "Forbidden");
		HttpResponse<String> indexed = TestHttp.at(this.port)
			.as(serviceToken("documents:index"))
			.multipart("/internal/index_files", form);
		assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(200);
		assertThat(body(indexed).path("indexed").asInt()).isPositive();
		assertThat(search(owner, assistant, "parking")).isNotEmpty();
	}

	/**
	 * The assistant's documents as an instance indexing them leaves them, its last
	 * heartbeat that long ago.
	 */
	private void indexingWithHeartbeat(long assistant, String ago) {
		this.jdbc
			.sql("UPDATE document SET status = 'indexing', heartbeat_at = now() - ?::interval WHERE assistant_id = ?")
			.params(ago, assistant)
			.update();
	}

	private long assistant(long owner) {
		return TestAssistants.ownedBy(this.jdbc, owner);
	}

	private Multipart pricesForm(long assistant) {
		return pdfForm(assistant, "prices.pdf", PRICES_PDF);
	}

	private static Multipart pdfForm(long assistant, String name, byte[] pdf) {
		return new Multipart().field("assistant_id", String.valueOf(assistant))
			.file("files[]", name, "application/pdf", pdf);
	}

	private static Multipart faqForm(long assistant) {
		return new Multipart().field("assistant_id", String.valueOf(assistant))
			.file("files[]", "faq.md", "text/markdown", FAQ.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> upload(long user, long assistant, Multipart form) {
		return http(user).multipart("/api/rag/index_files", form);
	}

	private JsonNode search(long user, long assistant, String query) {
		HttpResponse<String> found = http(user).get("/api/rag/search?assistant_id=" + assistant + "&k=5&q="
				+ java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
		assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
		return body(found).path("results");
	}

	private TestHttp http(long user) {
		return TestHttp.at(this.port).asUser(user);
	}

	private static String serviceToken(String scope) {
		Map<String, Object> claims = TestTokens.claims(0);
		claims.put("sub", "service:test-client");
		claims.remove("sid");
		claims.put("scope", scope);
		return TestTokens.sign(TestTokens.header(), claims);
	}

}
