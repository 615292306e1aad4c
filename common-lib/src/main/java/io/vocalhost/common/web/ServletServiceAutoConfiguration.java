package io.vocalhost.common.web;

import io.vocalhost.common.error.ApiExceptionHandler;
import io.vocalhost.common.error.DataAccessExceptionHandler;
import io.vocalhost.common.error.JsonErrorController;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The shared web conventions of every servlet service: JSON errors and the service
 * header.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ ApiExceptionHandler.class, JsonErrorController.class })
public class ServletServiceAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
	@Import(DataAccessExceptionHandler.class)
	static class DataAccessErrors {

	}

	@Bean
	FilterRegistrationBean<ServiceNameHeaderFilter> serviceNameHeaderFilter(
			@Value("${spring.application.name}") String serviceName) {
		FilterRegistrationBean<ServiceNameHeaderFilter> registration = new FilterRegistrationBean<>(
				new ServiceNameHeaderFilter(serviceName));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
