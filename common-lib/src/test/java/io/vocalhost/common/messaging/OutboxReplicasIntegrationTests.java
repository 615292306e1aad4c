package io.vocalhost.common.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.user.UserRegistered;
import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.infra.LocalKafka;
import io.vocalhost.testsupport.RealInfrastructureInitializer;
import io.vocalhost.testsupport.SharedInfrastructure;
import io.vocalhost.testsupport.TopicWatcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a service on one database, as at two replicas: publications that
 * failed while Kafka was down are resubmitted once, not once per instance, even when both
 * relays start a round at the same moment.
 */
class OutboxReplicasIntegrationTests {

	private static final int EVENTS = 8;

	private static final long USER_ID = 404;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = instance("first");
		second = instance("second");
	}

	@AfterAll
	static void stopInstances() {
		SharedInfrastructure.kafka().start();
		second.close();
		first.close();
	}

	@Test
	void twoInstancesResubmitEachFailedPublicationOnce() throws Exception {
		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		LocalKafka kafka = SharedInfrastructure.kafka();
		try (TopicWatcher watcher = TopicWatcher.on(Topics.USER_EVENTS)) {
			kafka.stop();
			List<UUID> eventIds = publishInOneTransaction(EVENTS);
			await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, "status = 'FAILED'") == EVENTS);
			kafka.start();

			List<Boolean> rounds = resubmitOnBothAtOnce();
			assertThat(rounds).contains(true);
			await().atMost(Duration.ofSeconds(30)).until(() -> count(jdbc, "completion_date IS NOT NULL") == EVENTS);

			// Same key, same partition: every resubmission sent before the marker has
			// arrived when the marker has.
			UUID marker = publishInOneTransaction(1).get(0);
			List<ConsumerRecord<String, String>> records = recordsUpTo(watcher, marker);
			assertThat(records).hasSize(EVENTS + 1);
			assertThat(records.subList(0, EVENTS)).extracting(ConsumerRecord::value)
				.allSatisfy((value) -> assertThat(eventIds).anyMatch((id) -> value.contains(id.toString())));
			for (UUID eventId : eventIds) {
				assertThat(records).filteredOn((record) -> record.value().contains(eventId.toString())).hasSize(1);
			}
			assertThat(count(jdbc, "completion_date IS NULL")).isZero();
		}
	}

	/** Both relays start a round together, released by one latch. */
	private static List<Boolean> resubmitOnBothAtOnce() throws Exception {
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<Boolean>> rounds = new ArrayList<>();
			for (ConfigurableApplicationContext instance : List.of(first, second)) {
				OutboxRelay relay = instance.getBean(OutboxRelay.class);
				rounds.add(threads.submit(() -> {
					go.await();
					return relay.resubmitFailed();
				}));
			}
			go.countDown();
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> round : rounds) {
				results.add(round.get());
			}
			return results;
		}
		finally {
			threads.shutdown();
		}
	}

	private static List<UUID> publishInOneTransaction(int events) {
		List<UUID> ids = new ArrayList<>();
		first.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			for (int i = 0; i < events; i++) {
				UUID id = UUID.randomUUID();
				first.publishEvent(new UserRegistered(id, Instant.now(), USER_ID, "replica", "replica@example.com"));
				ids.add(id);
			}
		});
		return ids;
	}

	private static List<ConsumerRecord<String, String>> recordsUpTo(TopicWatcher watcher, UUID marker) {
		for (int count = 1;; count++) {
			List<ConsumerRecord<String, String>> records = watcher.awaitKeyed(String.valueOf(USER_ID), count);
			if (records.get(records.size() - 1).value().contains(marker.toString())) {
				return records;
			}
		}
	}

	private static long count(JdbcTemplate jdbc, String condition) {
		return jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE " + condition, Long.class);
	}

	/**
	 * One instance of the test service on the test's own database; its relay runs only
	 * when the test says so.
	 */
	private static ConfigurableApplicationContext instance(String name) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.initializers(new RealInfrastructureInitializer())
			.run("--vocalhost.database.name=outbox_replicas_test", "--vocalhost.outbox.retry-interval=1h",
					"--spring.kafka.client-id=outbox-replica-" + name);
	}

}
