package io.vocalhost.common.web;

import io.vocalhost.common.error.JsonErrorWebExceptionHandler;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;

/**
 * The shared web conventions of every reactive (WebFlux) service, as
 * {@link ServletServiceAutoConfiguration} gives a servlet one: JSON errors and the
 * service header.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ReactiveServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
	JsonErrorWebExceptionHandler jsonErrorWebExceptionHandler() {
		return new JsonErrorWebExceptionHandler();
	}

	@Bean
	ServiceNameHeaderWebFilter serviceNameHeaderWebFilter(@Value("${spring.application.name}") String serviceName) {
		return new ServiceNameHeaderWebFilter(serviceName);
	}

}
