package io.vocalhost.rag.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;

import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.embedding.LocalEmbeddings;
import io.vocalhost.rag.embedding.OpenAiEmbeddings;
import io.qdrant.client.QdrantGrpcClient;
import io.vocalhost.rag.index.KnowledgeIndex;
import io.vocalhost.rag.index.LuceneKnowledgeIndex;
import io.vocalhost.rag.index.QdrantKnowledgeIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model (by default the one inside the jar, or OpenAI's) and the search
 * index (Lucene on local disk, or a Qdrant server).
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(IndexConfiguration.class);

	@Bean
	Embeddings embeddings(EmbeddingProperties embedding, RagProperties properties) {
		switch (embedding.provider()) {
			case "local" -> {
				logger.info("Embeddings: local all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions), {} in parallel",
						properties.embeddingParallelism());
				return new LocalEmbeddings(properties.embeddingParallelism());
			}
			case "openai" -> {
				if (embedding.openaiApiKey() == null || embedding.openaiApiKey().isBlank()) {
					throw new IllegalStateException("RAG_EMBEDDINGS=openai needs OPENAI_API_KEY");
				}
				if (embedding.openaiDimensions() < 1 || embedding.openaiDimensions() > 1024) {
					throw new IllegalStateException("RAG_EMBEDDING_DIMENSIONS must be between 1 and 1024");
				}
				logger.info("Embeddings: OpenAI {} at {}, {} dimensions", embedding.openaiModel(),
						embedding.openaiBaseUrl(), embedding.openaiDimensions());
				return new OpenAiEmbeddings(embedding.openaiBaseUrl(), embedding.openaiApiKey(),
						embedding.openaiModel(), embedding.openaiDimensions(), embedding.openaiAttempts());
			}
			default -> throw new IllegalStateException(
					"RAG_EMBEDDINGS must be local or openai, not '" + embedding.provider() + "'");
		}
	}

	/** Qdrant when QDRANT_URL is set, else Lucene in RAG_INDEX_DIR. */
	@Bean
	KnowledgeIndex knowledgeIndex(RagProperties properties, QdrantProperties qdrant) {
		if (qdrant.enabled()) {
			URI url = qdrant.url();
			boolean tls = "https".equals(url.getScheme());
			int port = (url.getPort() > 0) ? url.getPort() : 6334;
			QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(url.getHost(), port, tls)
				.withTimeout(qdrant.timeout());
			if (qdrant.apiKey() != null && !qdrant.apiKey().isBlank()) {
				grpc.withApiKey(qdrant.apiKey());
			}
			logger.info("Search index: Qdrant at {}:{} (TLS {}), collection {}", url.getHost(), port, tls,
					qdrant.collection());
			return new QdrantKnowledgeIndex(grpc.build(), qdrant.collection(), qdrant.timeout());
		}
		try {
			Files.createDirectories(properties.indexDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create RAG_INDEX_DIR " + properties.indexDir(), ex);
		}
		logger.info("Search index: Lucene in {}", properties.indexDir().toAbsolutePath());
		return new LuceneKnowledgeIndex(properties.indexDir());
	}

}
