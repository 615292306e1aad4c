package io.vocalhost.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The current trace context as Kafka record headers ({@code traceparent}, as bytes so
 * that the header mapper sends them unchanged rather than as JSON strings).
 * <p>
 * Written here instead of through the Kafka template's observation: that observation asks
 * the broker for its cluster id before every send until it gets one, which blocks the
 * outbox's sender for the admin client's timeout while Kafka is down.
 */
final class TraceHeaders {

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	TraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	Map<String, Object> current() {
		Tracer tracer = this.tracer.getIfAvailable();
		Propagator propagator = this.propagator.getIfAvailable();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		if (span == null || propagator == null) {
			return Map.of();
		}
		Map<String, Object> headers = new HashMap<>();
		propagator.inject(span.context(), headers,
				(carrier, key, value) -> carrier.put(key, value.getBytes(StandardCharsets.UTF_8)));
		return headers;
	}

}
