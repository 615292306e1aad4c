package io.vocalhost.common.messaging;

import java.util.List;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.vocalhost.common.events.DomainEvent;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.EventExternalizationConfiguration;

/**
 * Spring Modulith externalizes only {@code @Externalized} events of the application's own
 * packages; VocalHost's events live in common-lib, so this widens the selection to them.
 * Each record also carries the W3C trace context of the change that published it
 * ({@link TraceHeaders}), so the consumer continues that trace.
 */
@AutoConfiguration(beforeName = "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration")
@ConditionalOnClass(EventExternalizationConfiguration.class)
public class EventExternalizationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventExternalizationConfiguration eventExternalizationConfiguration(ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator) {
		TraceHeaders traceHeaders = new TraceHeaders(tracer, propagator);
		return EventExternalizationConfiguration.defaults(List.of(DomainEvent.class.getPackageName()))
			.headers((event) -> traceHeaders.current())
			.build();
	}

}
