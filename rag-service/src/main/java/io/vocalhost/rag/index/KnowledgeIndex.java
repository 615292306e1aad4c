package io.vocalhost.rag.index;

import java.util.List;

/**
 * Where chunks are found again: full text and vectors, every entry tagged with its
 * assistant and document, every search filtered to one assistant. Chunk texts and
 * document states live in PostgreSQL; an index holds only what finding needs, so it can
 * be rebuilt from the database.
 */
public interface KnowledgeIndex {

	/** Adds a document's chunks; they are durable and searchable when this returns. */
	void add(long assistantId, long documentId, List<IndexedChunk> chunks);

	void deleteDocument(long documentId);

	void deleteAssistant(long assistantId);

	/**
	 * The assistant's chunks that best match the query, by full text (BM25) and by vector
	 * similarity, fused by reciprocal rank, best first.
	 * @param limit how many fused hits to answer at most
	 */
	List<Hit> search(long assistantId, String query, float[] vector, int limit);

	/**
	 * The embedding model whose vectors the index holds (name and dimension), or
	 * {@code null} when it has never been given one.
	 */
	String model();

	/**
	 * Empties the index and records the model whose vectors it will hold from now on.
	 * @param dimension the length of that model's vectors
	 */
	void reset(String model, int dimension);

	/** A chunk to add: its id in the database, the text to search and its vector. */
	record IndexedChunk(long chunkId, String text, float[] vector) {
	}

	/** A chunk found, with its fused score (higher is better). */
	record Hit(long chunkId, double score) {
	}

}
