package io.vocalhost.assistant.assistant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import io.vocalhost.assistant.assistant.AssistantView.Range;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Hours per weekday with breaks (see {@link Schedule#problemsOf}); absent is valid. */
@Documented
@Constraint(validatedBy = WeeklyHours.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface WeeklyHours {

	String message() default "are not weekly hours";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<WeeklyHours, Map<String, List<Range>>> {

		@Override
		public boolean isValid(Map<String, List<Range>> hours, ConstraintValidatorContext context) {
			if (hours == null) {
				return true;
			}
			List<String> problems = Schedule.problemsOf(hours);
			return problems.isEmpty() || Violations.report(context, String.join("; ", problems));
		}

	}

}
