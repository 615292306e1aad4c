package io.vocalhost.rag.system;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param indexDir where the Lucene index (full text and vectors) lives on local disk
 * @param maxFiles files one upload may carry (then 400)
 * @param chunkSize the length a chunk is cut to, in characters, before its overlap
 * @param chunkOverlap how much of the previous chunk's end a chunk repeats, in characters
 * @param maxPdfPages pages a PDF may have (then 422)
 * @param extractionTimeout how long the text of one file may take to extract (then 422)
 * @param embeddingThreads texts embedded at once; 0 means one per processor
 * @param indexingStaleAfter how long a document being indexed may go without progress
 * before it counts as abandoned by a crashed instance and is failed
 */
@ConfigurationProperties("vocalhost.rag")
public record RagProperties(@DefaultValue(".data/rag-index") Path indexDir, @DefaultValue("10") int maxFiles,
		@DefaultValue("512") int chunkSize, @DefaultValue("64") int chunkOverlap, @DefaultValue("500") int maxPdfPages,
		@DefaultValue("30s") Duration extractionTimeout, @DefaultValue("0") int embeddingThreads,
		@DefaultValue("5m") Duration indexingStaleAfter) {

	public int embeddingParallelism() {
		return (this.embeddingThreads > 0) ? this.embeddingThreads : Runtime.getRuntime().availableProcessors();
	}

}
