package io.vocalhost.assistant.assistant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original {@code enabled_features}: a JSON array of feature names such as
 * {@code ["voice","booking"]}. Absent is valid (the assistant then gets
 * {@link Check#DEFAULT}).
 */
@Documented
@Constraint(validatedBy = Features.Check.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface Features {

	String message() default "must be a JSON array of feature names, like [\"voice\",\"booking\"]";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<Features, String> {

		/** What the original backend enabled when the form named none. */
		static final List<String> DEFAULT = List.of("voice", "booking");

		private static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,39}");

		private static final JsonMapper json = JsonMapper.builder().build();

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || parse(value).isPresent();
		}

		/** The names in a JSON array, or nothing when the text is not such an array. */
		static Optional<List<String>> parse(String value) {
			try {
				List<String> names = json.readValue(value, new TypeReference<List<String>>() {
				});
				return (names != null
						&& names.stream().allMatch((name) -> name != null && NAME.matcher(name).matches()))
								? Optional.of(names.stream().distinct().toList()) : Optional.empty();
			}
			catch (JacksonException ex) {
				return Optional.empty();
			}
		}

		static String toJson(List<String> names) {
			return json.writeValueAsString(names);
		}

	}

}
