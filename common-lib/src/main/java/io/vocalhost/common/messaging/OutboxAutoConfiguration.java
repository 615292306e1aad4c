package io.vocalhost.common.messaging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The transactional outbox: Spring Modulith's event publication registry stores each
 * event in the business transaction and externalizes it to Kafka after commit; this adds
 * the retry of publications that failed.
 */
@AutoConfiguration(afterName = "org.springframework.modulith.events.config.EventPublicationAutoConfiguration")
@ConditionalOnClass(FailedEventPublications.class)
@ConditionalOnBean(FailedEventPublications.class)
@EnableConfigurationProperties(OutboxProperties.class)
@EnableScheduling
public class OutboxAutoConfiguration {

	@Bean
	OutboxRelay outboxRelay(FailedEventPublications failedPublications, OutboxProperties properties) {
		return new OutboxRelay(failedPublications, properties);
	}

}
