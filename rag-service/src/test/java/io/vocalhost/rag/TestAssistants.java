package io.vocalhost.rag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.testsupport.KafkaEvents;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/** Assistants as assistant-service announces them, on the real broker. */
public final class TestAssistants {

	private static final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1_000_000) * 1000);

	private TestAssistants() {
	}

	/** An id no other test of this JVM has used, for an owner or an assistant. */
	public static long newId() {
		return ids.incrementAndGet();
	}

	/** A new assistant of the owner, announced and known to rag-service. */
	public static long ownedBy(JdbcClient jdbc, long owner) {
		long assistant = newId();
		created(jdbc, assistant, owner);
		return assistant;
	}

	/**
	 * Publishes {@code assistant-created} and waits until rag-service knows the owner.
	 */
	public static void created(JdbcClient jdbc, long assistant, long owner) {
		KafkaEvents.publish(Topics.ASSISTANT_EVENTS, String.valueOf(assistant),
				new AssistantCreated(UUID.randomUUID(), Instant.now(),
						new AssistantSnapshot(assistant, owner, "Ava", "Bright Smile Dental", "A dental practice",
								"America/New_York", List.of(), 30, "female", "Hello", null, null, "active")),
				EventCatalog.kafkaTypeMappings());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT count(*) FROM assistant_owner WHERE assistant_id = ?")
				.param(assistant)
				.query(Integer.class)
				.single() == 1);
	}

}
