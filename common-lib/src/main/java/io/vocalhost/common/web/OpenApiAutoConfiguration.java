package io.vocalhost.common.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import io.vocalhost.common.config.PublicUrlProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Names each service's OpenAPI document after the service and points "try it out" at the
 * gateway, the only public entry.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OpenAPI vocalHostOpenApi(@Value("${spring.application.name}") String serviceName,
			@Value("${vocalhost.service.description:}") String description, PublicUrlProperties publicUrl) {
		return new OpenAPI()
			.info(new Info().title(serviceName)
				.description(description)
				.version("v1")
				.license(new License().name("Apache-2.0")))
			.servers(List.of(new Server().url(publicUrl.publicUrl().toString()).description("VocalHost gateway")));
	}

	/**
	 * The error answers every operation can give, with the {@code {"error","details"}}
	 * body: 401 for all (every endpoint needs a token), 400 where the client sends
	 * parameters or a body, 404 where the path names a resource.
	 */
	@Bean
	OpenApiCustomizer vocalHostErrorResponses() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSchemas("ErrorBody",
						new ObjectSchema().addProperty("error", new StringSchema())
							.addProperty("details", new StringSchema())
							.description("Every error answer: a short summary and what to fix"));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> item.readOperations().forEach((operation) -> {
				boolean takesInput = operation.getRequestBody() != null
						|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
				if (takesInput) {
					addError(operation, "400", "Invalid request: every bad field named in details");
				}
				addError(operation, "401", "Not signed in, or the token is invalid or expired");
				if (path.contains("{")) {
					addError(operation, "404", "Not found, or not yours");
				}
			}));
		};
	}

	/** The answers a handler names with {@link ErrorResponse}. */
	@Bean
	OperationCustomizer vocalHostDeclaredErrorResponses() {
		return (operation, handler) -> {
			for (ErrorResponse error : handler.getMethod().getAnnotationsByType(ErrorResponse.class)) {
				addError(operation, String.valueOf(error.status()), error.description());
			}
			return operation;
		};
	}

	private static void addError(Operation operation, String status, String description) {
		if (operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses()
			.addApiResponse(status,
					new ApiResponse().description(description)
						.content(new Content().addMediaType("application/json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/ErrorBody")))));
	}

}
