package io.vocalhost.rag.embedding;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2, quantized, run in process from the ONNX model inside its Maven jar:
 * no download, no key. Texts are embedded in parallel on a pool of its own.
 */
public class LocalEmbeddings implements Embeddings, AutoCloseable {

	private final ExecutorService pool;

	private final AllMiniLmL6V2QuantizedEmbeddingModel model;

	public LocalEmbeddings(int parallelism) {
		this.pool = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().name("embedding-", 0).factory());
		this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(this.pool);
	}

	@Override
	public String model() {
		return "all-minilm-l6-v2-q";
	}

	@Override
	public int dimension() {
		return 384;
	}

	@Override
	public List<float[]> embed(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		return this.model.embedAll(texts.stream().map(TextSegment::from).toList())
			.content()
			.stream()
			.map(Embedding::vector)
			.toList();
	}

	@Override
	public void close() {
		this.pool.shutdownNow();
	}

}
