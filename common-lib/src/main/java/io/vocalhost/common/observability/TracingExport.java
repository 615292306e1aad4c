package io.vocalhost.common.observability;

import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * Where traces are exported, from OpenTelemetry's standard variables, so that an operator
 * sets the same {@code OTEL_EXPORTER_OTLP_ENDPOINT} for VocalHost as for anything else:
 * the base URL of an OTLP/HTTP collector (the traces path {@code /v1/traces} is added, as
 * the OpenTelemetry SDKs do), or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} taken as it
 * is. Neither set: nothing is exported, while trace ids still reach every log line and
 * every outgoing request and Kafka record. {@code vocalhost.tracing.export} tells other
 * settings (the gateway's client-side observations) whether spans go anywhere.
 */
public final class TracingExport {

	static final String SPRING_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	public static final String EXPORT_ENABLED = "vocalhost.tracing.export";

	private TracingExport() {
	}

	public static Map<String, Object> properties(Environment environment) {
		String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").strip();
		String base = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip();
		if (traces.isEmpty() && !base.isEmpty()) {
			traces = base.replaceAll("/+$", "") + "/v1/traces";
		}
		if (traces.isEmpty()) {
			return Map.of(EXPORT_ENABLED, "false");
		}
		return Map.of(SPRING_ENDPOINT, traces, EXPORT_ENABLED, "true");
	}

}
