package io.vocalhost.voicebridge.call;

import io.vocalhost.common.events.call.CallEndReason;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.DayOfWeek;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.assistant.AssistantUpdated;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.assistant.Assistants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CallStoreIntegrationTests {

	@Autowired
	private Assistants assistants;

	@Autowired
	private Calls calls;

	@Autowired
	private StreamTokens tokens;

	@Test
	void theReplicaFollowsAssistantEventsOnceEachAndIgnoresAnOlderSnapshot() {
		long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		String number = "+1555" + (id % 10_000_000);
		Instant created = Instant.parse("2026-12-01T10:00:00Z");
		publish(new AssistantCreated(UUID.randomUUID(), created, snapshot(id, number, "Bella's", "active")));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.assistants.byNumber(number)).get()
				.extracting(AssistantReplica::businessName)
				.isEqualTo("Bella's"));
		AssistantReplica replica = this.assistants.byNumber(number).orElseThrow();
		assertThat(replica.hours())
			.containsExactly(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
		assertThat(replica.zone().getId()).isEqualTo("Europe/Paris");
		assertThat(replica.isActive()).isTrue();

		publish(new AssistantUpdated(UUID.randomUUID(), created.plusSeconds(60),
				snapshot(id, number, "Bella's", "suspended")));
		publish(new AssistantUpdated(UUID.randomUUID(), created.plusSeconds(30),
				snapshot(id, number, "Stale", "active")));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.assistants.byNumber(number).orElseThrow().isActive()).isFalse());
		assertThat(this.assistants.byNumber(number).orElseThrow().businessName()).isEqualTo("Bella's");

		publish(new AssistantDeleted(UUID.randomUUID(), created.plusSeconds(90), id, 7, number));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.assistants.byNumber(number)).isEmpty());
	}

	@Test
	void aRedeliveredWebhookKeepsTheFirstCallAndItsFirstEndReason() {
		String sid = "CA" + UUID.randomUUID();
		UUID first = this.calls.offered(sid, 1L, 7L, "+15550001", "+15550002");
		assertThat(this.calls.offered(sid, 1L, 7L, "+15550001", "+15550002")).isEqualTo(first);
		this.calls.ended(first, CallEndReason.CALLER_HUNG_UP);
		this.calls.ended(first, CallEndReason.ERROR);
		this.calls.statusReported(sid, "completed", 42);
		CallRecord call = this.calls.find(first).orElseThrow();
		assertThat(call.endReason()).isEqualTo("CALLER_HUNG_UP");
		assertThat(call.twilioStatus()).isEqualTo("completed");
		assertThat(call.durationSeconds()).isEqualTo(42);
	}

	@Test
	void aStreamTokenWorksOnceForItsOwnCallOnlyAndNotAfterItExpires() {
		UUID call = this.calls.offered("CA" + UUID.randomUUID(), null, null, "+1", "+2");
		UUID other = this.calls.offered("CA" + UUID.randomUUID(), null, null, "+1", "+2");
		String token = this.tokens.mint(call, Duration.ofMinutes(1));
		assertThat(this.tokens.consume(call, null)).isFalse();
		assertThat(this.tokens.consume(call, "")).isFalse();
		assertThat(this.tokens.consume(call, token + "x")).isFalse();
		assertThat(this.tokens.consume(other, token)).isFalse();
		assertThat(this.tokens.consume(call, token)).isTrue();
		assertThat(this.tokens.consume(call, token)).isFalse();
		String expired = this.tokens.mint(call, Duration.ofSeconds(-1));
		assertThat(this.tokens.consume(call, expired)).isFalse();
	}

	private static AssistantSnapshot snapshot(long id, String number, String businessName, String status) {
		return new AssistantSnapshot(id, 7, "Ava", businessName, "Italian food", "Europe/Paris",
				List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30, "female",
				"Hello!", "+15550009999", number, status);
	}

	private static void publish(Object event) {
		KafkaEvents.publish(Topics.ASSISTANT_EVENTS, "assistant", event, EventCatalog.kafkaTypeMappings());
	}

}
