package io.vocalhost.common.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

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
			@Value("${vocalhost.service.description:}") String description,
			@Value("${vocalhost.public-url:http://localhost:5001}") String publicUrl) {
		return new OpenAPI()
			.info(new Info().title(serviceName)
				.description(description)
				.version("v1")
				.license(new License().name("Apache-2.0")))
			.servers(List.of(new Server().url(publicUrl).description("VocalHost gateway")));
	}

}
