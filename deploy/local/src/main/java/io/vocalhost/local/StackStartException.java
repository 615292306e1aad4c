package io.vocalhost.local;

/**
 * The stack could not come up; the message says which part failed and shows its last log
 * lines.
 */
public class StackStartException extends RuntimeException {

	public StackStartException(String message) {
		super(message);
	}

	public StackStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
