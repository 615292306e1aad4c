package io.vocalhost.rag.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.embedding.LocalEmbeddings;
import io.vocalhost.rag.embedding.OpenAiEmbeddings;
import io.vocalhost.rag.index.LuceneKnowledgeIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model (by default the one inside the jar, or OpenAI's) and the Lucene
 * index on disk.
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

	@Bean(destroyMethod = "close")
	LuceneKnowledgeIndex knowledgeIndex(RagProperties properties) {
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
