package io.vocalhost.rag.document;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;

/** No such document, or not one of the caller's assistants': both answer 404. */
class DocumentNotFoundException extends ApiException {

	DocumentNotFoundException(long documentId) {
		super(HttpStatus.NOT_FOUND, "Document not found", "No document " + documentId + " among yours");
	}

}
