package io.vocalhost.common.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * The outbox's backlog, read from {@code event_publication} when metrics are scraped:
 * events committed but not yet on Kafka, those that failed and wait for the relay, and
 * the age of the oldest one (a growing age means events are not leaving).
 */
class OutboxMetrics implements MeterBinder {

	private final JdbcOperations jdbc;

	OutboxMetrics(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("vocalhost.outbox.incomplete", this, (metrics) -> metrics.count("completion_date IS NULL"))
			.description("Events committed but not yet sent to Kafka")
			.register(registry);
		Gauge.builder("vocalhost.outbox.failed", this, (metrics) -> metrics.count("status = 'FAILED'"))
			.description("Events whose send failed, waiting for the outbox relay")
			.register(registry);
		Gauge.builder("vocalhost.outbox.oldest.incomplete.age", this, OutboxMetrics::oldestIncompleteSeconds)
			.description("Age of the oldest event not yet sent to Kafka")
			.baseUnit("seconds")
			.register(registry);
	}

	private double count(String condition) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE " + condition, Long.class);
		return (count != null) ? count : 0;
	}

	private double oldestIncompleteSeconds() {
		Double age = this.jdbc.queryForObject(
				"SELECT coalesce(extract(epoch FROM now() - min(publication_date)), 0) FROM event_publication"
						+ " WHERE completion_date IS NULL",
				Double.class);
		return (age != null) ? age : 0;
	}

}
