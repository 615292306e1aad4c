package io.vocalhost.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JDK AOT cache per service (JDK 25, JEP 514): the classes a service loaded and linked
 * while it started, ready at its next start. Each cache belongs to one build of the
 * service's jar (by size and time) and to the extracted copy of that jar it was trained
 * on, since the JDK caches classes from plain jars only, not from jars inside a jar.
 */
final class AotCache {

	private static final String CACHE = "app.aot";

	private final Path directory;

	AotCache(Path directory) {
		this.directory = directory;
	}

	/** Whether this JDK can train and use a cache with {@code -XX:AOTCacheOutput}. */
	static boolean supported() {
		return Runtime.version().feature() >= 25;
	}

	/** How to start a service: from its extracted jar and cache when it has one. */
	Launch launch(StackService service, Path jar, List<String> jvmOptions) {
		Path build = buildDirectory(service, jar);
		if (build == null || !Files.isRegularFile(build.resolve(CACHE))) {
			return new Launch(jar, jvmOptions);
		}
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-XX:AOTCache=" + build.resolve(CACHE));
		return new Launch(build.resolve(jar.getFileName()), options);
	}

	boolean isTrained(StackService service, Path jar) {
		Path build = buildDirectory(service, jar);
		return build != null && Files.isRegularFile(build.resolve(CACHE));
	}

	/**
	 * Extracts the jar for training (dropping the caches of older builds) and says how to
	 * run the training: the service's context starts and the JVM exits once it is
	 * refreshed, before the web server, the listeners and the schedulers start; the
	 * outbox does not resend anything from there.
	 */
	Launch prepareTraining(StackService service, Path jar, List<String> jvmOptions) {
		Path build = buildDirectory(service, jar);
		Process extract;
		try {
			deleteRecursively(this.directory.resolve(service.name()));
			Files.createDirectories(build);
			extract = new ProcessBuilder(ServiceProcess.javaCommand(), "-Djarmode=tools", "-jar", jar.toString(),
					"extract", "--destination", build.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			if (extract.waitFor() != 0) {
				throw new IllegalStateException("Extracting " + jar + " failed with exit code " + extract.exitValue());
			}
		}
		catch (InterruptedException ex) {
			// The stack is stopping.
			extract.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while extracting " + jar, ex);
		}
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-XX:AOTCacheOutput=" + trainingOutput(build));
		options.add("-Dspring.context.exit=onRefresh");
		options.add("-Dspring.modulith.events.republish-outstanding-events-on-restart=false");
		return new Launch(build.resolve(jar.getFileName()), options);
	}

	/** Keeps the trained cache; a cache is only used once its training completed. */
	boolean completeTraining(StackService service, Path jar) {
		Path build = buildDirectory(service, jar);
		Path output = trainingOutput(build);
		if (!Files.isRegularFile(output)) {
			return false;
		}
		try {
			Files.move(output, build.resolve(CACHE), StandardCopyOption.ATOMIC_MOVE);
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path trainingOutput(Path build) {
		return build.resolve("training.aot");
	}

	/**
	 * {@code <service>/<jar size>-<jar time>}, or {@code null} when the jar is missing.
	 */
	private Path buildDirectory(StackService service, Path jar) {
		try {
			if (!Files.isRegularFile(jar)) {
				return null;
			}
			return this.directory.resolve(service.name())
				.resolve(Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** The jar to run and the options of its JVM. */
	record Launch(Path jar, List<String> jvmOptions) {
	}

}
