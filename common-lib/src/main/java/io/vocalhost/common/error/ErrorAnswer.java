package io.vocalhost.common.error;

import org.springframework.http.HttpStatusCode;

/** An error answer before it is written: its status and its body. */
public record ErrorAnswer(HttpStatusCode status, ErrorBody body) {

	public ErrorAnswer(HttpStatusCode status, String error, String details) {
		this(status, new ErrorBody(error, details));
	}

}
