package io.vocalhost.testsupport;

import java.util.Map;

import io.vocalhost.infra.LocalPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the JVM's real PostgreSQL (its own database, named by
 * {@code vocalhost.database.name}) and the real Kafka broker, and makes it trust the
 * {@link TestTokens} signing key.
 */
public class RealInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String database = environment.getProperty("vocalhost.database.name", "vocalhost_test");
		LocalPostgres postgres = SharedInfrastructure.postgres();
		postgres.createDatabaseIfMissing(database);
		Map<String, Object> properties = Map.of("spring.datasource.url", postgres.jdbcUrl(database),
				"spring.datasource.username", LocalPostgres.USER, "spring.datasource.password", "",
				"spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers(),
				"vocalhost.security.jwks-uri", TestTokens.jwksUri());
		environment.getPropertySources().addFirst(new MapPropertySource("vocalhost-real-infrastructure", properties));
	}

}
