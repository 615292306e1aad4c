package io.vocalhost.common.messaging;

import java.time.Duration;

import io.vocalhost.common.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka conventions of every service: bounded retries then a dead-letter topic for
 * records a consumer cannot process (counted in {@code vocalhost.kafka.dead.letters}), a
 * Kafka health indicator, and idempotent consumption.
 */
@AutoConfiguration(after = { KafkaAutoConfiguration.class, JdbcTemplateAutoConfiguration.class })
@ConditionalOnClass(KafkaTemplate.class)
public class MessagingAutoConfiguration {

	@Bean
	@ConditionalOnBean(KafkaOperations.class)
	@ConditionalOnMissingBean(CommonErrorHandler.class)
	DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka, ObjectProvider<MeterRegistry> meters,
			@Value("${vocalhost.kafka.consumer.retry-interval:1s}") Duration retryInterval,
			@Value("${vocalhost.kafka.consumer.retries:3}") long retries) {
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1));
		MeterRegistry registry = meters.getIfAvailable();
		ConsumerRecordRecoverer counted = (registry == null) ? deadLetters : (record, ex) -> {
			registry.counter("vocalhost.kafka.dead.letters", "topic", record.topic()).increment();
			deadLetters.accept(record, ex);
		};
		return new DefaultErrorHandler(counted, new FixedBackOff(retryInterval.toMillis(), retries));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcOperations.class)
	static class ProcessedEventsConfiguration {

		@Bean
		@ConditionalOnBean(JdbcOperations.class)
		@ConditionalOnMissingBean
		ProcessedEvents processedEvents(JdbcOperations jdbc) {
			return new ProcessedEvents(jdbc);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class KafkaHealthConfiguration {

		@Bean
		@ConditionalOnBean(KafkaAdmin.class)
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin,
				@Value("${vocalhost.kafka.health-timeout:2s}") Duration timeout) {
			return new KafkaHealthIndicator(admin.getConfigurationProperties(), timeout);
		}

	}

}
