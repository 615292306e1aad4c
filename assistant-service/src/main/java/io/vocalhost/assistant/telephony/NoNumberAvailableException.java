package io.vocalhost.assistant.telephony;

/** Every number the assistants can be given is taken. */
public class NoNumberAvailableException extends RuntimeException {

	NoNumberAvailableException(String details) {
		super(details);
	}

}
