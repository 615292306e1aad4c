package io.vocalhost.common.observability;

import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Keeps one trace across the outbox: Spring Modulith sends a committed event to Kafka on
 * the application's task executor, after the request thread has moved on. The decorator
 * carries the request's observation to that thread, so the Kafka record's
 * {@code traceparent} header continues the request's trace and the consumer's log lines
 * carry its trace id.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnClass(ContextSnapshotFactory.class)
public class TracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

}
