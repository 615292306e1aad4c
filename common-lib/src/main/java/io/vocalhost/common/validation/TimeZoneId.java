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
 * An IANA time-zone id, such as {@code Europe/Berlin}. Missing counts as invalid unless
 * {@link #optional()}.
 */
@Documented
@Constraint(validatedBy = TimeZoneId.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface TimeZoneId {

	String message() default "must be an IANA time zone, like Europe/Berlin";

	boolean optional() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<TimeZoneId, String> {

		private boolean optional;

		@Override
		public void initialize(TimeZoneId annotation) {
			this.optional = annotation.optional();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return (value == null) ? this.optional : WireFormats.zone(value).isPresent();
		}

	}

}
