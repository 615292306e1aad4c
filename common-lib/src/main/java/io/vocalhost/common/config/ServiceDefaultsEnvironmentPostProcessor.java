package io.vocalhost.common.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.observability.TracingExport;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every VocalHost service shares ({@code vocalhost-defaults.yml}:
 * database, Kafka, outbox, actuator, shutdown) with the lowest precedence, so a service's
 * own {@code application.yml} and the environment override any of them. Where traces go
 * follows OpenTelemetry's own variables ({@link TracingExport}).
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String DEFAULTS = "vocalhost-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			List<PropertySource<?>> defaults = new YamlPropertySourceLoader().load(DEFAULTS,
					new ClassPathResource(DEFAULTS, getClass().getClassLoader()));
			defaults.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + DEFAULTS, ex);
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("vocalhost-tracing", TracingExport.properties(environment)));
		String typeMappings = EventCatalog.kafkaTypeMappings();
		environment.getPropertySources()
			.addLast(new MapPropertySource("vocalhost-event-types",
					Map.of("spring.kafka.producer.properties[spring.json.type.mapping]", typeMappings,
							"spring.kafka.consumer.properties[spring.json.type.mapping]", typeMappings)));
	}

}
