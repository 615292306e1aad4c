package io.vocalhost.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM, its output appended to its log file. */
final class ServiceProcess {

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final StackService service;

	private final int port;

	private final Path log;

	private final Process process;

	private ServiceProcess(StackService service, int port, Path log, Process process) {
		this.service = service;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	static ServiceProcess start(StackService service, int port, Path jar, List<String> jvmOptions,
			Map<String, String> environment, Path log) {
		if (!Files.isRegularFile(jar)) {
			throw new StackStartException(service.name() + " is not built: " + jar
					+ " is missing (./vocalhost up builds it; or run ./mvnw package -DskipTests)");
		}
		try {
			Files.createDirectories(log.getParent());
			Files.writeString(log, "==== " + service.name() + " starting at " + Instant.now() + " ====\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			List<String> command = new ArrayList<>();
			if (Files.isExecutable(SETSID)) {
				// Its own session and process group: the terminal's Ctrl-C reaches only
				// the
				// launcher, which stops the services before the infrastructure they need.
				command.add(SETSID.toString());
			}
			command.add(javaCommand());
			command.addAll(jvmOptions);
			command.add("-jar");
			command.add(jar.toString());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			return new ServiceProcess(service, port, log, builder.start());
		}
		catch (IOException ex) {
			throw new StackStartException("Could not start " + service.name() + ": " + ex.getMessage(), ex);
		}
	}

	/** The launcher's own JDK, which runs every service. */
	static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The exit code, once the process has exited. */
	int exitCode() {
		return this.process.exitValue();
	}

	StackService service() {
		return this.service;
	}

	Path log() {
		return this.log;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Waits until the service reports ready; fails fast if its process dies. */
	void awaitReady(Instant deadline) {
		URI readiness = URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness");
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new StackStartException(this.service.name() + " exited with code " + this.process.exitValue()
						+ " while starting. Last lines of " + this.log + ":\n" + lastLines(40));
			}
			if (isReady(readiness)) {
				return;
			}
			pause();
		}
		throw new StackStartException(this.service.name() + " did not become ready by " + deadline + ". Last lines of "
				+ this.log + ":\n" + lastLines(40));
	}

	/** Asks the JVM to stop (SIGTERM, a graceful shutdown) without waiting. */
	void requestStop() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
	}

	/**
	 * Waits for the JVM to stop, and kills it when it does not in time.
	 * @return whether it stopped by itself
	 */
	boolean awaitStopped(Duration timeout) {
		try {
			if (this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return true;
			}
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			return false;
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
			return false;
		}
	}

	String lastLines(int count) {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isReady(URI readiness) {
		try {
			HttpResponse<Void> response = http.send(
					HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackStartException("Interrupted while waiting for services");
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackStartException("Interrupted while waiting for services");
		}
	}

}
