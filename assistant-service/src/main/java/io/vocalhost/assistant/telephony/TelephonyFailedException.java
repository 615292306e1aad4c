package io.vocalhost.assistant.telephony;

/** The telephony provider refused or failed to provide a number. */
public class TelephonyFailedException extends RuntimeException {

	TelephonyFailedException(String details, Throwable cause) {
		super(details, cause);
	}

}
