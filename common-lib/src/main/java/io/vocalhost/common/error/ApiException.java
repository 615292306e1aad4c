package io.vocalhost.common.error;

import org.springframework.http.HttpStatus;

/** A failure the client should hear about, with its status, summary and details. */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String details;

	public ApiException(HttpStatus status, String error, String details) {
		super(error);
		this.status = status;
		this.details = details;
	}

	public HttpStatus status() {
		return this.status;
	}

	public ErrorBody body() {
		return new ErrorBody(getMessage(), this.details);
	}

}
