package io.vocalhost.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a test makes a service publish: records of one topic on the shared broker,
 * from the moment the watcher is opened, as the JSON strings they are on the wire.
 */
public final class TopicWatcher implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

	private TopicWatcher(KafkaConsumer<String, String> consumer) {
		this.consumer = consumer;
	}

	/** Watches {@code topic} from now on; returns once the partitions are assigned. */
	public static TopicWatcher on(String topic) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(), "group.id",
						"test-" + UUID.randomUUID(), "auto.offset.reset", "latest"),
				new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(topic));
		TopicWatcher watcher = new TopicWatcher(consumer);
		watcher.pollUntil(() -> !consumer.assignment().isEmpty(), "partitions of " + topic + " assigned");
		// "latest" is looked up lazily: fix the start now, or a record sent before the
		// next
		// poll is skipped.
		consumer.assignment().forEach(consumer::position);
		return watcher;
	}

	/**
	 * Waits for {@code count} records keyed by {@code key} and returns them in the order
	 * they were published.
	 * @param key the record key, the aggregate's id
	 * @param count how many to wait for
	 * @return the records, oldest first
	 */
	public List<ConsumerRecord<String, String>> awaitKeyed(String key, int count) {
		pollUntil(() -> keyed(key).size() >= count, count + " records keyed " + key);
		return keyed(key);
	}

	/** The event type a record carries in its {@code __TypeId__} header. */
	public static String type(ConsumerRecord<String, String> record) {
		return new String(record.headers().lastHeader("__TypeId__").value());
	}

	private List<ConsumerRecord<String, String>> keyed(String key) {
		return this.seen.stream().filter((record) -> key.equals(record.key())).toList();
	}

	private void pollUntil(BooleanSupplier done, String what) {
		Instant deadline = Instant.now().plus(PATIENCE);
		while (!done.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Not within " + PATIENCE.toSeconds() + " s: " + what + "; seen " + this.seen);
			}
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
		}
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
