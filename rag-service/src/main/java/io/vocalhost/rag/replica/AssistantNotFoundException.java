package io.vocalhost.rag.replica;

import io.vocalhost.common.error.ApiException;

import org.springframework.http.HttpStatus;

/** No such assistant, or not one of the caller's: both answer 404. */
public class AssistantNotFoundException extends ApiException {

	public AssistantNotFoundException(long assistantId) {
		super(HttpStatus.NOT_FOUND, "Assistant not found", "No assistant " + assistantId + " among yours");
	}

}
