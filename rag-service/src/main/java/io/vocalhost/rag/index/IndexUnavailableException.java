package io.vocalhost.rag.index;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;

/** The search index (a Qdrant server) failed or did not answer in time: 503. */
public class IndexUnavailableException extends ApiException {

	IndexUnavailableException(String details, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Search index unavailable", details);
		initCause(cause);
	}

}
