package io.vocalhost.assistant.assistant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A free text of at most 2000 characters. {@link #required()}: it must be sent;
 * {@link #blankAllowed()}: when sent it may be blank (it then clears the value).
 */
@Documented
@Constraint(validatedBy = Text.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface Text {

	int MAX_LENGTH = 2000;

	String message() default "is not acceptable text";

	boolean required() default false;

	boolean blankAllowed() default true;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<Text, String> {

		private boolean required;

		private boolean blankAllowed;

		/** What is stored of a sent text: trimmed, or nothing when blank. */
		static String cleaned(String value) {
			return (value == null || value.isBlank()) ? null : value.trim();
		}

		/** A sent description as stored: trimmed, or empty when blank. */
		static String orEmpty(String value) {
			String cleaned = cleaned(value);
			return (cleaned != null) ? cleaned : "";
		}

		@Override
		public void initialize(Text annotation) {
			this.required = annotation.required();
			this.blankAllowed = annotation.blankAllowed() && !annotation.required();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return !this.required || Violations.report(context, "is required");
			}
			if (value.isBlank()) {
				return this.blankAllowed || Violations.report(context, "is required");
			}
			return value.length() <= MAX_LENGTH
					|| Violations.report(context, "must be at most " + MAX_LENGTH + " characters");
		}

	}

}
