package io.vocalhost.testsupport;

import io.vocalhost.infra.LocalKafka;
import io.vocalhost.infra.LocalPostgres;

/**
 * One PostgreSQL and one Kafka broker per test JVM, started on first use on random ports
 * and stopped when the JVM exits. Every Spring test context of the JVM shares them.
 */
public final class SharedInfrastructure {

	private static LocalPostgres postgres;

	private static LocalKafka kafka;

	private SharedInfrastructure() {
	}

	public static synchronized LocalPostgres postgres() {
		if (postgres == null) {
			postgres = LocalPostgres.start(null, 0);
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
		}
		return postgres;
	}

	public static synchronized LocalKafka kafka() {
		if (kafka == null) {
			kafka = LocalKafka.start(null, 0);
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-stop"));
		}
		return kafka;
	}

}
