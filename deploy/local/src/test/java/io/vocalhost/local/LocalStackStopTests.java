package io.vocalhost.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C in a terminal, as a new user does it right after "VocalHost is up": the launcher
 * runs as its own process (the same main class as {@code ./vocalhost up}) in a process
 * group of its own, and SIGINT goes to that whole group, as the terminal sends it. Within
 * 15 s every process the stack started must be gone and every port it bound free, and the
 * service must have shut down by itself without a warning (with its database and broker
 * still there).
 *
 * <p>
 * A reduced stack keeps it cheap: PostgreSQL, Kafka, the OIDC stand-in and
 * billing-service, the smallest service that holds a database pool, the outbox and a
 * Kafka consumer (the session revocations) — the clients that hang when the
 * infrastructure stops first. Linux only (needs {@code setsid}).
 */
class LocalStackStopTests {

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private static final String SERVICE = "billing-service";

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static final Duration STOP_DEADLINE = Duration.ofSeconds(15);

	/**
	 * Kept across the repetitions, as a user's data folder is: only the first one pays
	 * for PostgreSQL's initdb.
	 */
	@TempDir
	static Path data;

	@RepeatedTest(3)
	void ctrlCRightAfterStartStopsEveryProcessAndFreesEveryPort(RepetitionInfo repetition) throws Exception {
		assumeThat(SETSID).as("setsid(1), to give the launcher a process group of its own").isExecutable();
		Path root = Path.of("").toAbsolutePath().resolve("../..").normalize();
		StackLayout layout = layoutOnFreePorts(root);
		List<Integer> ports = portsOf(layout);
		Path output = data.resolve("launcher-" + repetition.getCurrentRepetition() + ".out");
		Process launcher = startLauncher(root, layout, output);
		try {
			awaitUp(launcher, output);
			Set<Long> pids = new TreeSet<>();
			pids.add(launcher.pid());
			launcher.descendants().forEach((process) -> pids.add(process.pid()));
			long postmaster = postmasterPid(layout);
			pids.add(postmaster);
			ProcessHandle.of(postmaster)
				.ifPresent((process) -> process.descendants().forEach((child) -> pids.add(child.pid())));
			assertThat(pids).as("the launcher, %s and the postmaster", SERVICE).hasSizeGreaterThanOrEqualTo(3);

			interruptGroup(launcher.pid());

			await().atMost(STOP_DEADLINE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				assertThat(pids).as("processes still alive").noneMatch(LocalStackStopTests::isAlive);
				assertThat(ports).as("ports still bound").allMatch(LocalStackStopTests::isFree);
			});
			assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("Stopping VocalHost...")
				.contains("Stopped")
				.doesNotContain("was killed");
			assertThat(shutdownWarnings(layout)).as("%s's warnings and errors while it shut down", SERVICE).isEmpty();
		}
		finally {
			if (launcher.isAlive()) {
				launcher.descendants().forEach(ProcessHandle::destroyForcibly);
				launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * The documented fixed ports, moved by an offset at which all of them are free. All
	 * stay below 32768, where Linux's ephemeral ports begin: a port that is free now but
	 * ephemeral could be taken by some outgoing connection before the stack binds it.
	 */
	private StackLayout layoutOnFreePorts(Path root) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int offset = ThreadLocalRandom.current().nextInt(1_000, 13_000);
			StackLayout layout = StackLayout.fixedPorts(root, data, StackLayout.DEFAULT_JVM_OPTIONS,
					StackService.ALL.stream().filter((service) -> service.name().equals(SERVICE)).toList(), offset);
			if (portsOf(layout).stream().allMatch(LocalStackStopTests::isFree)) {
				return layout;
			}
		}
		throw new IllegalStateException("No port offset found at which the stack's ports are free");
	}

	private static List<Integer> portsOf(StackLayout layout) {
		List<Integer> ports = new ArrayList<>(layout.servicePorts().values());
		ports.addAll(List.of(layout.postgresPort(), layout.kafkaPort(), layout.kafkaPort() + 1, layout.oidcPort()));
		return ports;
	}

	/**
	 * {@code setsid java … LocalStackMain}: setsid execs in place, so the launcher's pid
	 * is also its process group's id, as for a command started from a shell.
	 */
	private Process startLauncher(Path root, StackLayout layout, Path output) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(SETSID.toString());
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("--enable-native-access=ALL-UNNAMED");
		if (Runtime.version().feature() >= 24) {
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(LocalStackMain.class.getName());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().put("VOCALHOST_HOME", root.toString());
		builder.environment().put("VOCALHOST_DATA_DIR", layout.dataDirectory().toString());
		builder.environment().put("VOCALHOST_SERVICES", SERVICE);
		builder.environment()
			.put("VOCALHOST_PORT_OFFSET", String.valueOf(layout.portOf(SERVICE) - serviceDefaultPort()));
		builder.environment().put("VOCALHOST_START_TIMEOUT_SECONDS", String.valueOf(START_TIMEOUT.toSeconds()));
		return builder.start();
	}

	private static int serviceDefaultPort() {
		return StackService.ALL.stream()
			.filter((service) -> service.name().equals(SERVICE))
			.findFirst()
			.orElseThrow()
			.defaultPort();
	}

	private static void awaitUp(Process launcher, Path output) {
		await().atMost(START_TIMEOUT.plusSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			String text = Files.readString(output, StandardCharsets.UTF_8);
			if (!launcher.isAlive() || text.contains("did not start")) {
				fail("The launcher did not start:%n%s", text);
			}
			return text.contains("VocalHost is up");
		});
	}

	/**
	 * What the service logged at WARN or ERROR from the start of its last shutdown on:
	 * nothing when its database and broker outlive it, failed connection checks and
	 * unreachable brokers when they stop first.
	 */
	private static List<String> shutdownWarnings(StackLayout layout) throws IOException {
		List<String> lines = Files.readAllLines(layout.logDirectory().resolve(SERVICE + ".log"),
				StandardCharsets.UTF_8);
		int shutdown = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains("Commencing graceful shutdown")) {
				shutdown = i;
			}
		}
		assertThat(shutdown).as("%s logged the start of its graceful shutdown", SERVICE).isNotNegative();
		return lines.subList(shutdown, lines.size())
			.stream()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR "))
			.toList();
	}

	/** The first line of PostgreSQL's postmaster.pid. */
	private static long postmasterPid(StackLayout layout) throws IOException {
		Path pidFile = layout.dataDirectory().resolve("postgres").resolve("postmaster.pid");
		return Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
	}

	/** What a terminal does on Ctrl-C: SIGINT to every process of the group. */
	private static void interruptGroup(long processGroup) throws Exception {
		Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + processGroup).inheritIO().start();
		assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(kill.exitValue()).as("kill -INT -- -%s", processGroup).isZero();
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
