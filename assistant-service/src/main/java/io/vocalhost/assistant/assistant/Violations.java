package io.vocalhost.assistant.assistant;

import jakarta.validation.ConstraintValidatorContext;

/**
 * Reports a problem whose text is built from what the client sent (a weekday name, a file
 * name) as that literal text: Bean Validation would otherwise read braces and dollar
 * signs in it as message parameters.
 */
final class Violations {

	private Violations() {
	}

	static boolean report(ConstraintValidatorContext context, String problem) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(literal(problem)).addConstraintViolation();
		return false;
	}

	/** The problem reported on one component of the validated record. */
	static boolean report(ConstraintValidatorContext context, String component, String problem) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(literal(problem))
			.addPropertyNode(component)
			.addConstraintViolation();
		return false;
	}

	private static String literal(String text) {
		return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
	}

}
