package io.vocalhost.common.messaging;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The transactional outbox: Spring Modulith's event publication registry stores each
 * event in the business transaction and externalizes it to Kafka after commit; this adds
 * the retry of publications that failed, on the relay's own scheduler (the application's
 * scheduling is left as the application configures it), and its backlog as metrics.
 */
@AutoConfiguration(afterName = { "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration" })
@ConditionalOnClass({ FailedEventPublications.class, JdbcOperations.class })
@ConditionalOnBean(FailedEventPublications.class)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

	@Bean
	OutboxRelay outboxRelay(FailedEventPublications failedPublications, OutboxProperties properties,
			JdbcOperations jdbc, PlatformTransactionManager transactionManager) {
		return new OutboxRelay(failedPublications, properties, jdbc, transactionManager);
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	MeterBinder outboxMetrics(JdbcOperations jdbc) {
		return new OutboxMetrics(jdbc);
	}

}
