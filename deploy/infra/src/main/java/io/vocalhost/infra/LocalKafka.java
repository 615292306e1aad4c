package io.vocalhost.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) run in-process
 * from the Kafka jars. It can be stopped and started again on the same ports with the
 * same data, which is how tests prove that events survive a broker outage.
 */
public final class LocalKafka implements AutoCloseable {

	/** Fixed so that a kept data directory always matches its cluster. */
	private static final String CLUSTER_ID = new Uuid(0x566f63616c486f73L, 0x744c6f63616c4b61L).toString();

	private final Path dataDirectory;

	private final boolean temporary;

	private final int port;

	private final int controllerPort;

	private KafkaRaftServer server;

	private LocalKafka(Path dataDirectory, boolean temporary, int port, int controllerPort) {
		this.dataDirectory = dataDirectory;
		this.temporary = temporary;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	/**
	 * Formats the storage if needed and starts the broker.
	 * @param dataDirectory where the log lives, kept across restarts; {@code null} for a
	 * throw-away log
	 * @param port the client port; {@code 0} for a free one (the controller takes another
	 * free port, or {@code port + 1} when the port is fixed)
	 */
	public static LocalKafka start(Path dataDirectory, int port) {
		try {
			boolean temporary = dataDirectory == null;
			Path directory = temporary ? Files.createTempDirectory("vocalhost-kafka") : dataDirectory;
			int clientPort = (port != 0) ? port : FreePorts.find();
			int controllerPort = (port != 0) ? port + 1 : FreePorts.find();
			LocalKafka kafka = new LocalKafka(directory, temporary, clientPort, controllerPort);
			kafka.start();
			return kafka;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka did not start: " + ex.getMessage(), ex);
		}
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Starts the broker again after {@link #stop()}, on the same ports with the same
	 * data.
	 */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		Path configFile = writeConfig();
		format(configFile);
		KafkaRaftServer raftServer = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
		raftServer.startup();
		this.server = raftServer;
	}

	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		this.server.shutdown();
		this.server.awaitShutdown();
		this.server = null;
	}

	@Override
	public void close() {
		stop();
		if (this.temporary) {
			deleteRecursively(this.dataDirectory);
		}
	}

	private Properties config() {
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", "1");
		config.put("controller.quorum.voters", "1@127.0.0.1:" + this.controllerPort);
		config.put("listeners",
				"PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + this.port);
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("log.dirs", this.dataDirectory.resolve("log").toString());
		config.put("num.partitions", "3");
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "3");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("auto.create.topics.enable", "true");
		config.put("log.retention.hours", "168");
		// The log cleaner (compacted topics such as the consumer offsets) allocates this
		// buffer on the heap at start: 128 MB by default, far more than a local broker
		// needs.
		config.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
		return config;
	}

	private Path writeConfig() {
		Path file = this.dataDirectory.resolve("server.properties");
		try {
			Files.createDirectories(this.dataDirectory);
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				config().store(writer, "VocalHost local Kafka broker");
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void format(Path configFile) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status = StorageTool.execute(
				new String[] { "format", "-t", CLUSTER_ID, "-c", configFile.toString(), "--ignore-formatted" },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		if (status != 0) {
			throw new IllegalStateException(
					"Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temp directory is harmless.
		}
	}

}
