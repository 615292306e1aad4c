package io.vocalhost.rag.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A document as its owner sees it; {@code failure} only when it failed, progress as
 * {@code chunks_done} of {@code chunk_count}.
 */
public record DocumentView(long id, String name, String type, long size, String sha256,
		@JsonProperty("chunk_count") int chunkCount, @JsonProperty("chunks_done") int chunksDone, String status,
		@JsonInclude(JsonInclude.Include.NON_NULL) String failure, @JsonProperty("uploaded_at") String uploadedAt) {

	static DocumentView of(StoredDocument document) {
		return new DocumentView(document.id(), document.name(), document.type(), document.size(), document.sha256(),
				document.chunksTotal(), document.chunksDone(), document.status(), document.failure(),
				document.uploadedAt().toString());
	}

}
