package io.vocalhost.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@code ./vocalhost up}: runs the whole system locally until Ctrl-C or SIGTERM.
 *
 * <p>
 * Settings (environment): {@code VOCALHOST_DATA_DIR} (default {@code .data} in the
 * checkout), {@code VOCALHOST_START_TIMEOUT_SECONDS} (default 240),
 * {@code VOCALHOST_JVM_OPTS} (options for every service JVM), {@code VOCALHOST_SERVICES}
 * (comma-separated service names to run; default all), {@code VOCALHOST_PORT_OFFSET}
 * (added to every fixed port; default 0), and per service (named as in
 * {@link StackService#variableName()}) {@code VOCALHOST_JVM_OPTS_RAG_SERVICE} (options
 * after every other option of that JVM) and {@code VOCALHOST_ENV_RAG_SERVICE}
 * ({@code KEY=value} pairs separated by spaces, added to that service's environment);
 * {@code VOCALHOST_AOT_CACHE=false} trains no JDK AOT caches.
 */
public final class LocalStackMain {

	private LocalStackMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		Path root = projectRoot();
		Path data = Path.of(env("VOCALHOST_DATA_DIR", root.resolve(".data").toString())).toAbsolutePath();
		System.setProperty("vocalhost.log.dir", data.resolve("logs").toString());
		Duration startTimeout = Duration.ofSeconds(Long.parseLong(env("VOCALHOST_START_TIMEOUT_SECONDS", "240")));
		String jvmOptions = System.getenv("VOCALHOST_JVM_OPTS");
		List<String> options = (jvmOptions == null || jvmOptions.isBlank()) ? StackLayout.DEFAULT_JVM_OPTIONS
				: words(jvmOptions);
		List<StackService> services = services(env("VOCALHOST_SERVICES", ""));
		int portOffset = Integer.parseInt(env("VOCALHOST_PORT_OFFSET", "0"));
		StackLayout layout = StackLayout.fixedPorts(root, data, options, services, portOffset)
			.withServiceSettings(perService("VOCALHOST_JVM_OPTS_", LocalStackMain::words),
					perService("VOCALHOST_ENV_", LocalStackMain::environment));

		System.out.println("Starting VocalHost: PostgreSQL, Kafka, the OIDC stand-in, then " + services.size()
				+ " services (logs in " + layout.logDirectory() + ")");
		long started = System.nanoTime();
		LocalStack stack = LocalStack.create(layout);
		CountDownLatch stopped = new CountDownLatch(1);
		AtomicBoolean stopRequested = new AtomicBoolean();
		// The one place that stops anything, in order: services, the OIDC stand-in,
		// Kafka,
		// PostgreSQL. Registered before the start so that Ctrl-C while starting cleans up
		// too. The services and PostgreSQL run in sessions of their own, so the
		// terminal's Ctrl-C reaches only this JVM.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stopRequested.set(true);
			System.out.println("Stopping VocalHost...");
			long stopping = System.nanoTime();
			stack.close();
			System.out.printf(Locale.ROOT, "Stopped (%.1f s).%n", (System.nanoTime() - stopping) / 1e9);
			stopped.countDown();
		}, "vocalhost-stop"));
		try {
			stack.startAll(startTimeout);
		}
		catch (RuntimeException ex) {
			if (stopRequested.get()) {
				// Ctrl-C while starting: the shutdown hook is stopping what had started.
				stopped.await();
				return;
			}
			System.err.println();
			System.err.println("VocalHost did not start: " + ex.getMessage());
			if (!(ex instanceof StackStartException)) {
				// Not one of the failures the launcher explains: the trace is the
				// explanation.
				ex.printStackTrace();
			}
			System.exit(1);
			return;
		}
		printSummary(layout, Duration.ofNanos(System.nanoTime() - started));
		if (!env("VOCALHOST_AOT_CACHE", "true").equals("false")) {
			stack.trainAotCachesInBackground(System.out::println);
		}
		stopped.await();
	}

	/** The services named in {@code VOCALHOST_SERVICES} (comma-separated), or all. */
	private static List<StackService> services(String names) {
		if (names.isBlank()) {
			return StackService.ALL;
		}
		List<String> wanted = Arrays.stream(names.split(",")).map(String::trim).toList();
		List<String> unknown = wanted.stream()
			.filter((name) -> StackService.ALL.stream().noneMatch((service) -> service.name().equals(name)))
			.toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("VOCALHOST_SERVICES names unknown services " + unknown + "; known: "
					+ StackService.ALL.stream().map(StackService::name).toList());
		}
		return StackService.ALL.stream().filter((service) -> wanted.contains(service.name())).toList();
	}

	/** Each service's setting from {@code <prefix><SERVICE_NAME>}, where it is set. */
	private static <T> Map<String, T> perService(String prefix, Function<String, T> parse) {
		Map<String, T> settings = new HashMap<>();
		for (StackService service : StackService.ALL) {
			String value = System.getenv(prefix + service.variableName());
			if (value != null && !value.isBlank()) {
				settings.put(service.name(), parse.apply(value));
			}
		}
		return settings;
	}

	private static List<String> words(String value) {
		return Arrays.asList(value.trim().split("\\s+"));
	}

	private static Map<String, String> environment(String pairs) {
		Map<String, String> environment = new HashMap<>();
		for (String pair : words(pairs)) {
			int equals = pair.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("VOCALHOST_ENV_<SERVICE> holds KEY=value pairs separated by spaces; "
						+ "'" + pair + "' is not one");
			}
			environment.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return environment;
	}

	private static void printSummary(StackLayout layout, Duration took) {
		String gateway = layout.gatewayUrl();
		System.out.printf(Locale.ROOT, "%nVocalHost is up (%.1f s).%n", took.toMillis() / 1000.0);
		System.out.println("  Gateway:        " + gateway);
		System.out.println("  System status:  " + gateway + "/api/system/status");
		System.out.println("  API docs:       " + gateway + "/swagger-ui.html");
		System.out.println("  Sign in:        " + gateway + "/api/auth/google/login?callback=http://localhost:3000/");
		System.out.println("  OIDC stand-in:  " + layout.oidcIssuer() + " (its login page accepts any username)");
		System.out.println("  Logs:           " + layout.logDirectory() + " (one file per service)");
		System.out.println("  Data:           " + layout.dataDirectory() + " (kept across restarts)");
		System.out.println("Press Ctrl-C to stop.");
	}

	/**
	 * The checkout: {@code VOCALHOST_HOME}, else found from this jar's place in
	 * deploy/local/target.
	 */
	private static Path projectRoot() {
		String home = System.getenv("VOCALHOST_HOME");
		if (home != null) {
			return Path.of(home).toAbsolutePath();
		}
		Path candidate = Path.of("").toAbsolutePath();
		while (candidate != null && !Files.isRegularFile(candidate.resolve("deploy/local/pom.xml"))) {
			candidate = candidate.getParent();
		}
		if (candidate == null) {
			throw new IllegalStateException("Run from inside the VocalHost checkout, or set VOCALHOST_HOME");
		}
		return candidate;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
