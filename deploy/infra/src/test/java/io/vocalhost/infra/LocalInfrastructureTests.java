package io.vocalhost.infra;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalInfrastructureTests {

	@TempDir
	Path data;

	@Test
	void postgresKeepsDataAcrossRestartsOnAFixedPort() throws Exception {
		int port = FreePorts.find();
		try (LocalPostgres postgres = LocalPostgres.start(this.data.resolve("pg"), port)) {
			postgres.createDatabaseIfMissing("booking");
			postgres.createDatabaseIfMissing("booking");
			try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("booking"), "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE kept (id int)");
				statement.execute("INSERT INTO kept VALUES (42)");
			}
		}
		try (LocalPostgres postgres = LocalPostgres.start(this.data.resolve("pg"), port);
				Connection connection = DriverManager.getConnection(postgres.jdbcUrl("booking"), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT id FROM kept")) {
			assertThat(postgres.port()).isEqualTo(port);
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(42);
		}
	}

	@Test
	void kafkaKeepsRecordsAcrossAStopAndStart() {
		try (LocalKafka kafka = LocalKafka.start(this.data.resolve("kafka"), 0)) {
			String topic = "kept-" + UUID.randomUUID();
			send(kafka, topic, "before-restart");
			kafka.stop();
			assertThat(kafka.isRunning()).isFalse();
			kafka.start();
			send(kafka, topic, "after-restart");
			assertThat(readAll(kafka, topic, 2)).containsExactly("before-restart", "after-restart");
		}
	}

	private static void send(LocalKafka kafka, String topic, String value) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.block.ms", 30000), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "key", value)).get();
		}
		catch (Exception ex) {
			throw new AssertionError("send failed", ex);
		}
	}

	private static List<String> readAll(LocalKafka kafka, String topic, int expected) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
				kafka.bootstrapServers(), "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

}
