package io.vocalhost.rag.index;

import java.time.Duration;
import java.util.UUID;

import io.qdrant.client.QdrantGrpcClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/**
 * The Qdrant adapter's contract on a real Qdrant server in a container. Skipped where no
 * Docker engine runs (as on the build machine), where {@link QdrantKnowledgeIndexTests}
 * runs the contract against the stand-in.
 */
@Testcontainers(disabledWithoutDocker = true)
class QdrantContainerKnowledgeIndexTests extends KnowledgeIndexContractTests {

	@Container
	static final QdrantContainer qdrant = new QdrantContainer("qdrant/qdrant:v" + QdrantStandIn.VERSION);

	private final String collection = "chunks_" + UUID.randomUUID().toString().replace("-", "");

	@Override
	KnowledgeIndex open() {
		return new QdrantKnowledgeIndex(
				QdrantGrpcClient.newBuilder(qdrant.getHost(), qdrant.getGrpcPort(), false).build(), this.collection,
				Duration.ofSeconds(10));
	}

	@Override
	KnowledgeIndex reopen(KnowledgeIndex index) {
		((QdrantKnowledgeIndex) index).close();
		return open();
	}

}
