package io.vocalhost.common.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingExportTests {

	@Test
	void nothingIsExportedWithoutAnEndpoint() {
		assertThat(TracingExport.properties(new MockEnvironment()))
			.containsExactly(Map.entry(TracingExport.EXPORT_ENABLED, "false"));
	}

	@Test
	void theBaseEndpointGetsTheTracesPathAsTheOpenTelemetrySdksAddIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT",
				"http://collector:4318/");
		assertThat(TracingExport.properties(environment))
			.containsEntry(TracingExport.SPRING_ENDPOINT, "http://collector:4318/v1/traces")
			.containsEntry(TracingExport.EXPORT_ENABLED, "true");
	}

	@Test
	void theTracesEndpointIsTakenAsItIs() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
			.withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example.com/ingest");
		assertThat(TracingExport.properties(environment)).containsEntry(TracingExport.SPRING_ENDPOINT,
				"https://traces.example.com/ingest");
	}

}
