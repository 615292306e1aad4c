package io.vocalhost.common.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.session.SessionRevoked;
import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The revocation listener leaves no consumer group on the broker, hears a revocation
 * published a minute before its instance started (within the lookback) but not one older
 * than the lookback, and hears revocations published while it runs. Its own context (the
 * lookback property), so that it starts after the first revocations are published.
 */
@SpringBootTest(classes = TestApplication.class, properties = "vocalhost.security.revocation-lookback=10m")
@RealInfrastructure
class SessionRevocationListenerIntegrationTests {

	private static final UUID REVOKED_BEFORE_START = UUID.randomUUID();

	private static final UUID REVOKED_BEFORE_LOOKBACK = UUID.randomUUID();

	@Autowired
	RevokedSessions revokedSessions;

	@BeforeAll
	static void revokeBeforeTheInstanceStarts() throws Exception {
		Instant now = Instant.now();
		publish(revocation(REVOKED_BEFORE_LOOKBACK), now.minus(Duration.ofMinutes(11)));
		publish(revocation(REVOKED_BEFORE_START), now.minus(Duration.ofMinutes(1)));
	}

	@Test
	void knowsTheRevocationsOfTheLookbackFromItsStart() {
		assertThat(this.revokedSessions.isRevoked(REVOKED_BEFORE_START)).isTrue();
		assertThat(this.revokedSessions.isRevoked(REVOKED_BEFORE_LOOKBACK)).isFalse();
	}

	@Test
	void hearsARevocationPublishedWhileItRuns() throws Exception {
		UUID session = UUID.randomUUID();
		publish(revocation(session), Instant.now());
		await().atMost(Duration.ofSeconds(30)).until(() -> this.revokedSessions.isRevoked(session));
	}

	@Test
	void leavesNoConsumerGroupOnTheBroker() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers()))) {
			List<String> groups = admin.listConsumerGroups()
				.all()
				.get()
				.stream()
				.map(ConsumerGroupListing::groupId)
				.toList();
			Collection<ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get().values();
			assertThat(described).as("groups with a member reading " + Topics.SESSION_EVENTS)
				.noneMatch((group) -> group.members()
					.stream()
					.anyMatch((member) -> member.assignment()
						.topicPartitions()
						.stream()
						.anyMatch((partition) -> partition.topic().equals(Topics.SESSION_EVENTS))));
			for (String group : groups) {
				Map<TopicPartition, ?> offsets = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get();
				assertThat(offsets.keySet()).as("offsets committed by group " + group)
					.noneMatch((partition) -> partition.topic().equals(Topics.SESSION_EVENTS));
			}
			assertThat(groups).noneMatch((group) -> group.startsWith("common-lib-test"));
		}
	}

	private static SessionRevoked revocation(UUID session) {
		return new SessionRevoked(UUID.randomUUID(), Instant.now(), session, 1, Instant.now().plusSeconds(600),
				"logout");
	}

	/** Published with the given record time, as if it had been sent then. */
	private static void publish(SessionRevoked event, Instant at) throws Exception {
		Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
				"spring.json.type.mapping", EventCatalog.kafkaTypeMappings());
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				new JacksonJsonSerializer<>())) {
			producer
				.send(new ProducerRecord<>(Topics.SESSION_EVENTS, null, at.toEpochMilli(), event.sessionId().toString(),
						event))
				.get();
		}
	}

}
