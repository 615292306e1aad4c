package io.vocalhost.rag.extraction;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;

/**
 * A file whose text cannot be indexed: encrypted, scanned, empty, broken or too large.
 */
public class UnreadableDocumentException extends ApiException {

	public UnreadableDocumentException(String fileName, String reason) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "Document not indexable", "'" + fileName + "': " + reason);
	}

}
