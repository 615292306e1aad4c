package io.vocalhost.rag.embedding;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;

/** The embedding provider did not answer usable vectors, after its retries: 503. */
public class EmbeddingsUnavailableException extends ApiException {

	public EmbeddingsUnavailableException(String details, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Embeddings unavailable", details);
		if (cause != null) {
			initCause(cause);
		}
	}

}
