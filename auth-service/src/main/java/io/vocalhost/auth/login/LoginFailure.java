package io.vocalhost.auth.login;

/**
 * A login that cannot complete; {@code reason} is the code the frontend gets in
 * {@code ?login=error&reason=}.
 */
class LoginFailure extends RuntimeException {

	private final String reason;

	LoginFailure(String reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

}
