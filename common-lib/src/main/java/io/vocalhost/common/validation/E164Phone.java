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
 * A phone number in E.164 form ({@code +} and up to 15 digits). Missing counts as invalid
 * unless {@link #optional()}.
 */
@Documented
@Constraint(validatedBy = E164Phone.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface E164Phone {

	String message() default "must be a phone number in E.164 form, like +14155550123";

	boolean optional() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<E164Phone, String> {

		private boolean optional;

		@Override
		public void initialize(E164Phone annotation) {
			this.optional = annotation.optional();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return (value == null) ? this.optional : WireFormats.isE164Phone(value);
		}

	}

}
