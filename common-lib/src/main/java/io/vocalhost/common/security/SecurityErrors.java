package io.vocalhost.common.security;

import io.vocalhost.common.error.ErrorBody;

/** The words of every 401 and 403 answer, servlet or reactive. */
final class SecurityErrors {

	static final ErrorBody UNAUTHORIZED = new ErrorBody("Unauthorized",
			"Sign in first: the request has no valid access token");

	static final ErrorBody FORBIDDEN = new ErrorBody("Forbidden", "This token may not do that");

	/** The {@code WWW-Authenticate} value of a 401. */
	static final String CHALLENGE = "Bearer";

	private SecurityErrors() {
	}

}
