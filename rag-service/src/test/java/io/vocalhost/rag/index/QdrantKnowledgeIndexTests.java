package io.vocalhost.rag.index;

import java.time.Duration;
import java.util.UUID;

import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Qdrant adapter behind the same contract as Lucene's, through the real client over
 * gRPC against {@link QdrantStandIn} (with an API key), since this machine has no Docker;
 * {@link QdrantContainerKnowledgeIndexTests} runs the same contract on a real Qdrant
 * where Docker is.
 */
class QdrantKnowledgeIndexTests extends KnowledgeIndexContractTests {

	private static final String API_KEY = "stand-in-key";

	private static QdrantStandIn qdrant;

	private final String collection = "chunks_" + UUID.randomUUID().toString().replace("-", "");

	@BeforeAll
	static void startQdrant() {
		qdrant = new QdrantStandIn(API_KEY);
	}

	@AfterAll
	static void stopQdrant() {
		qdrant.close();
	}

	@Override
	KnowledgeIndex open() {
		return index(API_KEY);
	}

	@Override
	KnowledgeIndex reopen(KnowledgeIndex index) {
		((QdrantKnowledgeIndex) index).close();
		return open();
	}

	@Test
	void theCollectionIndexesTheAssistantAndDocumentPayload() {
		assertThat(qdrant.indexedFields(this.collection)).containsExactlyInAnyOrder("assistant_id", "document_id");
	}

	@Test
	void aRefusedApiKeyIsAnUnavailableIndex() {
		try (QdrantKnowledgeIndex wrong = index("wrong-key")) {
			assertThatThrownBy(wrong::model).isInstanceOf(IndexUnavailableException.class)
				.hasMessage("Search index unavailable")
				.extracting((ex) -> ((IndexUnavailableException) ex).body().details())
				.asString()
				.contains("UNAUTHENTICATED");
		}
	}

	private QdrantKnowledgeIndex index(String apiKey) {
		return new QdrantKnowledgeIndex(
				QdrantGrpcClient.newBuilder("127.0.0.1", qdrant.port(), false).withApiKey(apiKey).build(),
				this.collection, Duration.ofSeconds(10));
	}

}
