package io.vocalhost.common.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.vocalhost.common.text.WireFormats;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A wall-clock time as {@code HH:MM} (the hour may have one digit). Missing counts as
 * invalid unless {@link #optional()}.
 */
@Documented
@Constraint(validatedBy = ClockTime.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ClockTime {

	String message() default "must be a time as HH:MM";

	boolean optional() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<ClockTime, String> {

		private boolean optional;

		@Override
		public void initialize(ClockTime annotation) {
			this.optional = annotation.optional();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return (value == null) ? this.optional : WireFormats.time(value).isPresent();
		}

	}

}
