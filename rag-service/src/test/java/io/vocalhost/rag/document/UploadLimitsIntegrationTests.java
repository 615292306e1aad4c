package io.vocalhost.rag.document;

import java.net.http.HttpResponse;

import io.vocalhost.rag.TestAssistants;
import io.vocalhost.testsupport.Multipart;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.vocalhost.testsupport.TestHttp.assertError;
import static io.vocalhost.testsupport.TestHttp.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload size limits (RAG_MAX_FILE_SIZE, RAG_MAX_REQUEST_SIZE, here 64 KB and 160 KB)
 * over real HTTP: a file or a request past them answers 413 with the JSON error body,
 * even when far past them, and nothing of it is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.servlet.multipart.max-file-size=64KB",
				"spring.servlet.multipart.max-request-size=160KB" })
@RealInfrastructure
class UploadLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFileOverThePerFileLimitIsRefusedWith413() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		HttpResponse<String> refused = upload(owner, form(assistant).file("files[]", "notes.txt", "a".repeat(10 * 1024))
			.file("files[]", "big.txt", "b".repeat(100 * 1024)));
		assertThat(assertError(refused, 413, "Upload too large").path("details").asString())
			.isEqualTo("'big.txt' is larger than the limit of 65536 bytes per file");
		assertNothingStored(owner, assistant);
	}

	@Test
	void aRequestOverThePerRequestLimitIsRefusedWith413() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		Multipart three = form(assistant);
		for (int i = 0; i < 3; i++) {
			three.file("files[]", "part" + i + ".txt", ("part " + i + " ").repeat(9 * 1024));
		}
		assertThat(assertError(upload(owner, three), 413, "Upload too large").path("details").asString())
			.isEqualTo("The files together are larger than the limit of 163840 bytes per request");
		assertNothingStored(owner, assistant);
	}

	@Test
	void aFileFarOverTheLimitStillGetsTheAnswer() {
		long owner = TestAssistants.newId();
		long assistant = assistant(owner);
		HttpResponse<String> refused = upload(owner,
				form(assistant).file("files[]", "huge.txt", "c".repeat(8 * 1024 * 1024)));
		assertError(refused, 413, "Upload too large");
		assertNothingStored(owner, assistant);
	}

	private void assertNothingStored(long owner, long assistant) {
		assertThat(body(TestHttp.at(this.port).asUser(owner).get("/api/rag/documents?assistant_id=" + assistant))
			.path("documents")).isEmpty();
	}

	private long assistant(long owner) {
		return TestAssistants.ownedBy(this.jdbc, owner);
	}

	private static Multipart form(long assistant) {
		return new Multipart().field("assistant_id", String.valueOf(assistant));
	}

	private HttpResponse<String> upload(long owner, Multipart form) {
		return TestHttp.at(this.port).asUser(owner).multipart("/api/rag/index_files", form);
	}

}
