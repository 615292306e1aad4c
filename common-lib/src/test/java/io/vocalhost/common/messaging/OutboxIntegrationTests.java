package io.vocalhost.common.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.user.UserRegistered;
import io.vocalhost.common.testapp.NoteRepository;
import io.vocalhost.common.testapp.Notes;
import io.vocalhost.infra.LocalKafka;
import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on the real PostgreSQL and the real Kafka broker: commit gives the event on
 * Kafka, rollback gives none, and an event committed while Kafka is down arrives once it
 * is back.
 */
@SpringBootTest(classes = TestApplication.class)
@RealInfrastructure
class OutboxIntegrationTests {

	@Autowired
	Notes notes;

	@Autowired
	NoteRepository noteRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	OutboxProperties outbox;

	private KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

	@BeforeEach
	void subscribe() {
		this.consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(), "group.id",
						"outbox-test-" + UUID.randomUUID(), "auto.offset.reset", "latest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(Topics.USER_EVENTS));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.consumer.poll(Duration.ofMillis(100));
			return !this.consumer.assignment().isEmpty();
		});
		// "latest" is looked up lazily: fix the start now, or a record sent before the
		// next
		// poll (here: while Kafka restarts) is skipped.
		this.consumer.assignment().forEach(this.consumer::position);
	}

	@AfterEach
	void close() {
		SharedInfrastructure.kafka().start();
		this.consumer.close();
	}

	@Test
	void aCommittedChangeArrivesOnKafkaKeyedByItsAggregateUnderItsTypeName() {
		UserRegistered event = this.notes.write(101, "committed", false);

		ConsumerRecord<String, String> record = awaitRecordWithEventId(event.eventId());
		assertThat(record.key()).isEqualTo("101");
		assertThat(new String(record.headers().lastHeader("__TypeId__").value())).isEqualTo("user-registered");
		assertThat(record.value()).contains("\"email\":\"committed@example.com\"");
		await().atMost(Duration.ofSeconds(10)).until(() -> incompletePublications(event.eventId()) == 0);
	}

	@Test
	void aRolledBackChangeNeverReachesKafka() {
		long notesBefore = this.noteRepository.count();
		assertThatIllegalStateException().isThrownBy(() -> this.notes.write(202, "rolled-back", true));
		UserRegistered marker = this.notes.write(202, "marker", false);

		// Same key, same partition: everything published before the marker has arrived
		// with it.
		awaitRecordWithEventId(marker.eventId());
		assertThat(this.received).extracting(ConsumerRecord::value).noneMatch((value) -> value.contains("rolled-back"));
		assertThat(this.noteRepository.count()).isEqualTo(notesBefore + 1);
		assertThat(publicationsContaining("rolled-back")).isZero();
		// Nothing for the relay to send either: still nothing after two of its rounds.
		Duration twoRounds = this.outbox.retryInterval().multipliedBy(2);
		await().during(twoRounds).atMost(twoRounds.plusSeconds(10)).until(() -> {
			this.consumer.poll(Duration.ofMillis(100)).forEach(this.received::add);
			return this.received.stream().noneMatch((record) -> record.value().contains("rolled-back"))
					&& publicationsContaining("rolled-back") == 0;
		});
	}

	@Test
	void anEventCommittedWhileKafkaIsDownArrivesAfterKafkaReturnsWithoutARestart() {
		LocalKafka kafka = SharedInfrastructure.kafka();
		kafka.stop();
		UserRegistered event = this.notes.write(303, "during-outage", false);
		assertThat(incompletePublications(event.eventId())).isEqualTo(1);
		// Failed for good before the broker returns: only the relay can send it now.
		await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(event.eventId())));

		kafka.start();
		ConsumerRecord<String, String> record = awaitRecordWithEventId(event.eventId());
		assertThat(record.key()).isEqualTo("303");
		await().atMost(Duration.ofSeconds(30)).until(() -> incompletePublications(event.eventId()) == 0);
		assertThat(this.jdbc.queryForObject(
				"SELECT completion_attempts FROM event_publication WHERE serialized_event LIKE ?", Integer.class,
				"%" + event.eventId() + "%"))
			.as("resubmitted by the relay")
			.isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT last_resubmission_date IS NOT NULL FROM event_publication WHERE serialized_event LIKE ?",
				Boolean.class, "%" + event.eventId() + "%"))
			.isTrue();
	}

	private String status(UUID eventId) {
		return this.jdbc.queryForObject("SELECT status FROM event_publication WHERE serialized_event LIKE ?",
				String.class, "%" + eventId + "%");
	}

	private long incompletePublications(UUID eventId) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND serialized_event LIKE ?",
				Long.class, "%" + eventId + "%");
	}

	private long publicationsContaining(String text) {
		return this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?",
				Long.class, "%" + text + "%");
	}

	private ConsumerRecord<String, String> awaitRecordWithEventId(UUID eventId) {
		String marker = "\"eventId\":\"" + eventId + "\"";
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.received::add);
			return this.received.stream().filter((record) -> record.value().contains(marker)).findFirst().orElse(null);
		}, (record) -> record != null);
	}

}
