package io.vocalhost.rag.document;

import java.time.Instant;

/**
 * A document as rag-service keeps it.
 *
 * @param status {@code indexing}, {@code ready} or {@code failed}
 * @param failure why it failed, or {@code null}
 * @param chunksTotal chunks it is cut into
 * @param chunksDone chunks embedded so far (the progress of indexing)
 */
record StoredDocument(long id, long assistantId, String name, String type, long size, String sha256, String status,
		String failure, int chunksTotal, int chunksDone, Instant uploadedAt) {

	static final String INDEXING = "indexing";

	static final String READY = "ready";

	static final String FAILED = "failed";

}
