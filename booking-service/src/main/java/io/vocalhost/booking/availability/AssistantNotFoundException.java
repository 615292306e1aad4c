package io.vocalhost.booking.availability;

/** No such assistant, or not one of the caller's. */
public class AssistantNotFoundException extends RuntimeException {

	public AssistantNotFoundException(String details) {
		super(details);
	}

}
