package io.vocalhost.rag.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.vocalhost.rag.embedding.LocalEmbeddings;
import io.vocalhost.rag.index.LuceneKnowledgeIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The local defaults: the embedding model inside the jar, the Lucene index on disk. */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(IndexConfiguration.class);

	@Bean(destroyMethod = "close")
	LocalEmbeddings embeddings(RagProperties properties) {
		logger.info("Embeddings: local all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions), {} in parallel",
				properties.embeddingParallelism());
		return new LocalEmbeddings(properties.embeddingParallelism());
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
