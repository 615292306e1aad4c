package io.vocalhost.rag.document;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of an upload: {@code indexed} is the number of chunks stored for these files
 * (a file the assistant already had counts the chunks it has), with each file's document.
 *
 * @param duplicates names of files that were already indexed and were not indexed again
 */
public record IndexedFiles(int indexed, List<DocumentView> documents,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> duplicates) {
}
