package io.vocalhost.rag.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.rag.document.DocumentStore.Passage;

/**
 * A passage found: its text, where it comes from and its score (reciprocal rank fusion of
 * the full-text and the vector ranking: higher is better, comparable within one answer).
 *
 * @param page the page, only for documents that have pages
 * @param heading the heading it sits under, when it has one
 */
public record SearchResult(String text, @JsonProperty("document_id") long documentId,
		@JsonProperty("document_name") String documentName, @JsonInclude(JsonInclude.Include.NON_NULL) Integer page,
		@JsonInclude(JsonInclude.Include.NON_NULL) String heading, double score) {

	static SearchResult of(Passage passage, double score) {
		return new SearchResult(passage.text(), passage.documentId(), passage.documentName(),
				(passage.page() > 0) ? passage.page() : null, passage.heading(), score);
	}

}
