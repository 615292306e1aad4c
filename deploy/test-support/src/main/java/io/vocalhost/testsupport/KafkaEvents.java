package io.vocalhost.testsupport;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Publishes an event to the shared broker as another service would: JSON, keyed, with the
 * stable type name in the type header.
 */
public final class KafkaEvents {

	private KafkaEvents() {
	}

	/**
	 * Publishes {@code event} and waits until the broker has it.
	 * @param typeMappings the event catalog's {@code type:class} list
	 * ({@code EventCatalog.kafkaTypeMappings()})
	 */
	public static void publish(String topic, String key, Object event, String typeMappings) {
		Map<String, Object> config = Map.of("bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
				"spring.json.type.mapping", typeMappings);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				new JacksonJsonSerializer<>())) {
			producer.send(new ProducerRecord<>(topic, key, event)).get();
		}
		catch (ExecutionException ex) {
			throw new AssertionError("Could not publish to " + topic + ": " + ex.getCause(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted publishing to " + topic, ex);
		}
	}

}
