package io.vocalhost.assistant.assistant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The receptionist's voice, {@code male} or {@code female} in any case. Missing counts as
 * invalid unless {@link #optional()}.
 */
@Documented
@Constraint(validatedBy = Voice.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface Voice {

	Set<String> VOICES = Set.of("male", "female");

	String message() default "must be male or female";

	boolean optional() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<Voice, String> {

		private boolean optional;

		/** The stored form of a valid voice. */
		static String of(String value) {
			return value.trim().toLowerCase(Locale.ROOT);
		}

		@Override
		public void initialize(Voice annotation) {
			this.optional = annotation.optional();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return (value == null) ? this.optional : VOICES.contains(of(value));
		}

	}

}
