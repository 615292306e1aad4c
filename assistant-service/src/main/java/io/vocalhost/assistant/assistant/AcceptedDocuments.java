package io.vocalhost.assistant.assistant;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.web.multipart.MultipartFile;

/**
 * A form's documents, under both their names together: at most
 * {@code ASSISTANT_MAX_FILES}, each of a type that can be indexed. Reported under
 * {@code files}.
 */
@Documented
@Constraint(validatedBy = AcceptedDocuments.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface AcceptedDocuments {

	String message() default "are not acceptable documents";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Check implements ConstraintValidator<AcceptedDocuments, DocumentForm> {

		private static final Set<String> TYPES = Set.of("pdf", "txt", "md", "docx", "html", "csv");

		private final AssistantProperties properties;

		Check(AssistantProperties properties) {
			this.properties = properties;
		}

		@Override
		public boolean isValid(DocumentForm form, ConstraintValidatorContext context) {
			List<MultipartFile> documents = form.documents();
			List<String> problems = new ArrayList<>();
			if (documents.size() > this.properties.maxFiles()) {
				problems.add("at most " + this.properties.maxFiles() + " files");
			}
			for (MultipartFile file : documents) {
				String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename() : "";
				String extension = name.contains(".")
						? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
				if (!TYPES.contains(extension)) {
					problems.add("'" + name + "' is not one of " + String.join(", ", TYPES));
				}
			}
			// The error body names a field once, so the list's problems share one entry
			// that
			// reads as they always have: "files: a; files: b".
			return problems.isEmpty() || Violations.report(context, "files", String.join("; files: ", problems));
		}

	}

}
