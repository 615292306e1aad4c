package io.vocalhost.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingHandlersEnvironmentPostProcessorTests {

	private final TracingHandlersEnvironmentPostProcessor postProcessor = new TracingHandlersEnvironmentPostProcessor();

	@Test
	void leavesOutTheTracingHandlersWhileNoTraceIsExported() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.autoconfigure.exclude",
				"com.example.Other");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.autoconfigure.exclude"))
			.isEqualTo("com.example.Other," + TracingHandlersEnvironmentPostProcessor.TRACING_HANDLERS);
	}

	@Test
	void keepsThemWhenACollectorIsSet() {
		MockEnvironment environment = new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT",
				"http://collector:4318");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
	}

	@Test
	void keepsThemWhenExportIsSwitchedOnExplicitly() {
		MockEnvironment environment = new MockEnvironment().withProperty("vocalhost.tracing.export", "true");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
	}

}
