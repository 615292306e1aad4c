package io.vocalhost.assistant.assistant;

/** No such assistant among the owner's: someone else's counts as missing. */
public class AssistantNotFoundException extends RuntimeException {

	AssistantNotFoundException(long id) {
		super("No assistant " + id + " among yours");
	}

}
