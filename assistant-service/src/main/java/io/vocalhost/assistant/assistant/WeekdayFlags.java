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
 * The original {@code available_days}: weekday booleans as an object or its JSON text
 * (see {@link Weekdays}). Missing counts as invalid unless {@link #optional()}.
 */
@Documented
@Constraint(validatedBy = WeekdayFlags.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface WeekdayFlags {

	String message() default "must be weekday booleans";

	boolean optional() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<WeekdayFlags, Object> {

		private boolean optional;

		@Override
		public void initialize(WeekdayFlags annotation) {
			this.optional = annotation.optional();
		}

		@Override
		public boolean isValid(Object value, ConstraintValidatorContext context) {
			if (value == null && this.optional) {
				return true;
			}
			Weekdays.Parsed parsed = Weekdays.parse(value);
			return (parsed.problem() == null) || Violations.report(context, parsed.problem());
		}

	}

}
