package io.vocalhost.assistant.assistant;

/**
 * Opening hours that cannot be: the fields are each well formed but together, or with the
 * hours the assistant already has, describe no schedule.
 */
public class InvalidHoursException extends RuntimeException {

	InvalidHoursException(String field, String problem) {
		super(field + ": " + problem);
	}

}
