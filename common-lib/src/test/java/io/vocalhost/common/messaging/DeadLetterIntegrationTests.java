package io.vocalhost.common.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.user.UserRegistered;
import io.vocalhost.common.testapp.Notes;
import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record its consumer cannot process goes, after the configured retries, to
 * {@code <topic>-dlt} on the real broker, and is counted in
 * {@code vocalhost.kafka.dead.letters} (the metric the dead-letter alert watches); the
 * records after it are still consumed.
 */
@SpringBootTest(classes = { TestApplication.class, DeadLetterIntegrationTests.PoisonedConsumer.class },
		properties = { "vocalhost.kafka.consumer.retries=1", "vocalhost.kafka.consumer.retry-interval=100ms" })
@RealInfrastructure
class DeadLetterIntegrationTests {

	@Autowired
	Notes notes;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PoisonedConsumer consumer;

	@Test
	void aRecordThatAlwaysFailsIsDeadLetteredAndCounted() {
		double before = deadLetters();
		try (KafkaConsumer<String, String> deadLetterTopic = new KafkaConsumer<>(
				Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(), "group.id",
						"dead-letter-test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			deadLetterTopic.subscribe(List.of(Topics.USER_EVENTS + Topics.DEAD_LETTER_SUFFIX));
			UserRegistered poison = this.notes.write(505, "poison", false);
			UserRegistered healthy = this.notes.write(505, "healthy", false);

			ConsumerRecord<String, String> deadLetter = await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<String, String> record : deadLetterTopic.poll(Duration.ofMillis(200))) {
					if (record.value().contains(poison.eventId().toString())) {
						return record;
					}
				}
				return null;
			}, (record) -> record != null);
			assertThat(deadLetter.key()).isEqualTo("505");
			await().atMost(Duration.ofSeconds(30)).until(() -> this.consumer.consumed.contains(healthy.eventId()));
			assertThat(deadLetters()).isEqualTo(before + 1);
		}
	}

	private double deadLetters() {
		var counter = this.meters.find("vocalhost.kafka.dead.letters").tag("topic", Topics.USER_EVENTS).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@TestConfiguration
	static class PoisonedConsumer {

		final List<UUID> consumed = new CopyOnWriteArrayList<>();

		@KafkaListener(topics = Topics.USER_EVENTS, groupId = "dead-letter-test")
		void consume(UserRegistered event) {
			if (event.name().equals("poison")) {
				throw new IllegalStateException("cannot process " + event.eventId());
			}
			this.consumed.add(event.eventId());
		}

	}

}
