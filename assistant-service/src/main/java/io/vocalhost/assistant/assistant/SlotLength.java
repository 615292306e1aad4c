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
 * The length of one booking in minutes, 5 to 480, as a number or a form field's text.
 * Missing counts as invalid unless {@link #optional()}.
 */
@Documented
@Constraint(validatedBy = SlotLength.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface SlotLength {

	int MIN = 5;

	int MAX = 480;

	String message() default "must be between " + MIN + " and " + MAX + " minutes";

	boolean optional() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<SlotLength, Object> {

		private boolean optional;

		@Override
		public void initialize(SlotLength annotation) {
			this.optional = annotation.optional();
		}

		@Override
		public boolean isValid(Object value, ConstraintValidatorContext context) {
			if (value == null) {
				return this.optional;
			}
			Integer minutes = minutes(value);
			return minutes != null && minutes >= MIN && minutes <= MAX;
		}

		static Integer minutes(Object value) {
			if (value instanceof Integer minutes) {
				return minutes;
			}
			try {
				return Integer.valueOf(String.valueOf(value).trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
