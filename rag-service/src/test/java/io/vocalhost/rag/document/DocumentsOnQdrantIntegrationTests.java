package io.vocalhost.rag.document;

import io.vocalhost.rag.index.QdrantStandIn;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole documents API again with {@code QDRANT_URL} set: rag-service keeps every
 * vector and the full text in Qdrant (the gRPC stand-in here, as there is no Docker),
 * with the same answers as on Lucene.
 */
class DocumentsOnQdrantIntegrationTests extends DocumentsIntegrationTests {

	private static final QdrantStandIn qdrant = new QdrantStandIn("integration-key");

	@DynamicPropertySource
	static void qdrant(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.rag.qdrant.url", () -> "http://127.0.0.1:" + qdrant.port());
		registry.add("vocalhost.rag.qdrant.api-key", () -> "integration-key");
	}

	@AfterAll
	static void stopQdrant() {
		qdrant.close();
	}

}
