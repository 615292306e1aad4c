package io.vocalhost.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.vocalhost.infra.LocalKafka;
import io.vocalhost.infra.LocalPostgres;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The whole system on one machine: PostgreSQL with a database per service, a Kafka
 * broker, the OIDC stand-in that plays Google, and every service as its own JVM process.
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

	private final StackLayout layout;

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private LocalPostgres postgres;

	private LocalKafka kafka;

	private MockOAuth2Server oidc;

	private volatile boolean closed;

	private final AotCache aot;

	private Thread training;

	private ServiceProcess trainee;

	private LocalStack(StackLayout layout) {
		this.layout = layout;
		this.aot = new AotCache(layout.dataDirectory().resolve("aot"));
	}

	/**
	 * Starts everything and waits until every service is ready. On failure, whatever
	 * started is stopped again and the exception names the part that failed.
	 */
	public static LocalStack start(StackLayout layout, Duration startTimeout) {
		LocalStack stack = create(layout);
		stack.startAll(startTimeout);
		return stack;
	}

	/**
	 * A stack that has not started yet, so that a shutdown hook can hold it (and stop
	 * whatever has started) before {@link #startAll(Duration)} begins.
	 */
	public static LocalStack create(StackLayout layout) {
		return new LocalStack(layout);
	}

	/**
	 * Starts everything and waits until every service is ready. On failure, or when
	 * {@link #close()} is called meanwhile, whatever started is stopped again and the
	 * exception names the part that failed.
	 */
	public void startAll(Duration startTimeout) {
		try {
			checkPortsFree();
			startInfrastructure();
			Instant deadline = Instant.now().plus(startTimeout);
			this.layout.services().forEach(this::startService);
			startedServices().forEach((service) -> service.awaitReady(deadline));
		}
		catch (RuntimeException | Error ex) {
			close();
			throw ex;
		}
	}

	private synchronized List<ServiceProcess> startedServices() {
		return List.copyOf(this.services.values());
	}

	/** Whether {@link #close()} has been called. */
	public boolean isClosed() {
		return this.closed;
	}

	public StackLayout layout() {
		return this.layout;
	}

	public synchronized Map<String, Long> servicePids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		this.services.forEach((name, process) -> pids.put(name, process.pid()));
		return pids;
	}

	/** Stops one service, as if its process had crashed or been scaled down. */
	public synchronized void stopService(String name) {
		ServiceProcess process = this.services.remove(name);
		if (process != null) {
			process.requestStop();
			process.awaitStopped(STOP_TIMEOUT);
		}
	}

	/** Starts one service again and waits until it is ready. */
	public void restartService(String name, Duration timeout) {
		stopService(name);
		StackService service = StackService.ALL.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name));
		startService(service);
		this.services.get(name).awaitReady(Instant.now().plus(timeout));
	}

	private void checkPortsFree() {
		List<Integer> ports = new ArrayList<>(List.of(this.layout.postgresPort(), this.layout.kafkaPort(),
				this.layout.kafkaPort() + 1, this.layout.oidcPort()));
		ports.addAll(this.layout.servicePorts().values());
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			}
			catch (IOException ex) {
				throw new StackStartException("Port " + port
						+ " is already in use. Is another VocalHost stack running? " + "Stop it, or free the port.");
			}
		}
	}

	/**
	 * PostgreSQL runs as its own processes while Kafka and the OIDC stand-in start in
	 * this JVM at the same time: the start keeps both cores busy instead of one.
	 */
	private synchronized void startInfrastructure() {
		checkNotClosed();
		// New threads inherit this one's context class loader, through which Kafka loads
		// its classes (the common pool's threads would not find them in the launcher's
		// jar).
		Executor starter = (task) -> Thread.ofPlatform().name("vocalhost-start").start(task);
		CompletableFuture<LocalKafka> kafka = CompletableFuture.supplyAsync(
				() -> LocalKafka.start(this.layout.dataDirectory().resolve("kafka"), this.layout.kafkaPort()), starter);
		CompletableFuture<MockOAuth2Server> oidc = CompletableFuture.supplyAsync(this::startOidc, starter);
		try {
			// No shutdown hook of the library's own: close() stops PostgreSQL last.
			this.postgres = LocalPostgres.start(this.layout.dataDirectory().resolve("postgres"),
					this.layout.postgresPort(), false);
			this.layout.services()
				.stream()
				.filter((service) -> service.database() != null)
				.forEach((service) -> this.postgres.createDatabaseIfMissing(service.database()));
		}
		finally {
			// Whatever did start is kept, so that close() stops it.
			this.kafka = kafka.exceptionally((ex) -> null).join();
			this.oidc = oidc.exceptionally((ex) -> null).join();
		}
		rethrowFailure(kafka);
		rethrowFailure(oidc);
	}

	private MockOAuth2Server startOidc() {
		// Interactive login: the stand-in's login page accepts any username.
		MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\":true}"));
		server.start(InetAddress.getLoopbackAddress(), this.layout.oidcPort());
		return server;
	}

	private static void rethrowFailure(CompletableFuture<?> start) {
		try {
			start.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private synchronized void startService(StackService service) {
		checkNotClosed();
		Path jar = service.jar(this.layout.projectRoot());
		AotCache.Launch launch = AotCache.supported() ? this.aot.launch(service, jar, this.layout.jvmOptionsOf(service))
				: new AotCache.Launch(jar, this.layout.jvmOptionsOf(service));
		ServiceProcess process = ServiceProcess.start(service, this.layout.portOf(service.name()), launch.jar(),
				launch.jvmOptions(), environmentOf(service),
				this.layout.logDirectory().resolve(service.name() + ".log"));
		this.services.put(service.name(), process);
	}

	/**
	 * Trains the JDK AOT cache of each service that has none for its current build, one
	 * service after another in the background, so that the next start is faster. Stopping
	 * the stack stops the training too.
	 * @param report told the outcome once every service is done
	 */
	public synchronized void trainAotCachesInBackground(Consumer<String> report) {
		if (!AotCache.supported() || this.closed) {
			return;
		}
		List<StackService> untrained = this.layout.services()
			.stream()
			.filter((service) -> !this.aot.isTrained(service, service.jar(this.layout.projectRoot())))
			.toList();
		if (untrained.isEmpty()) {
			return;
		}
		this.training = Thread.ofPlatform().name("vocalhost-aot-training").start(() -> {
			long started = System.nanoTime();
			List<String> trained = new ArrayList<>();
			for (StackService service : untrained) {
				if (train(service)) {
					trained.add(service.name());
				}
			}
			if (!trained.isEmpty()) {
				report
					.accept(String.format(Locale.ROOT, "JDK AOT cache trained for %s (%.0f s); the next start uses it.",
							trained, (System.nanoTime() - started) / 1e9));
			}
		});
	}

	private boolean train(StackService service) {
		Path jar = service.jar(this.layout.projectRoot());
		ServiceProcess trainee;
		try {
			AotCache.Launch launch = this.aot.prepareTraining(service, jar, this.layout.jvmOptionsOf(service));
			synchronized (this) {
				if (this.closed) {
					return false;
				}
				trainee = ServiceProcess.start(service, this.layout.portOf(service.name()), launch.jar(),
						launch.jvmOptions(), environmentOf(service),
						this.layout.logDirectory().resolve(service.name() + "-aot-training.log"));
				this.trainee = trainee;
			}
		}
		catch (RuntimeException ex) {
			// Without a cache the service starts as before; the training log says why.
			return false;
		}
		boolean exited = trainee.awaitStopped(TRAINING_TIMEOUT);
		synchronized (this) {
			this.trainee = null;
			return exited && !this.closed && trainee.exitCode() == 0 && this.aot.completeTraining(service, jar);
		}
	}

	/**
	 * The Twilio auth token the local stack's voice bridge checks webhook signatures with
	 * when {@code TWILIO_AUTH_TOKEN} is not set (see docs/local-stack.md).
	 */
	static final String LOCAL_TWILIO_AUTH_TOKEN = "local-twilio-auth-token";

	/**
	 * The service-token clients of this stack: the variable holding each client's secret,
	 * by client, and the services each calls with its token.
	 */
	private static final Map<String, String> CLIENT_SECRETS = Map.of("assistant-service", "ASSISTANT_CLIENT_SECRET",
			"voice-bridge-service", "VOICE_BRIDGE_CLIENT_SECRET");

	private static final Map<String, List<String>> CALLED_WITH_TOKENS = Map.of("assistant-service",
			List.of("rag-service"), "voice-bridge-service", List.of("booking-service", "rag-service"));

	/** Each client's secret when its variable is not set, one per stack. */
	private final Map<String, String> localSecrets = Map.of("ASSISTANT_CLIENT_SECRET", UUID.randomUUID().toString(),
			"VOICE_BRIDGE_CLIENT_SECRET", UUID.randomUUID().toString());

	private Map<String, String> environmentOf(StackService service) {
		Map<String, String> environment = new HashMap<>();
		environment.put("SERVER_PORT", String.valueOf(this.layout.portOf(service.name())));
		environment.put("KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		if (System.getenv("GOOGLE_CLIENT_ID") == null) {
			// Without Google credentials, the stand-in plays Google.
			environment.put("OIDC_ISSUER_URI", this.layout.oidcIssuer());
		}
		environment.put("VOCALHOST_PUBLIC_URL", this.layout.gatewayUrl());
		if (this.layout.servicePorts().containsKey("auth-service")) {
			environment.put("AUTH_JWKS_URI",
					"http://localhost:" + this.layout.portOf("auth-service") + "/.well-known/jwks.json");
		}
		environment.put("SHUTDOWN_TIMEOUT", "5s");
		String twilioAuthToken = System.getenv("TWILIO_AUTH_TOKEN");
		if (service.name().equals("voice-bridge-service") && (twilioAuthToken == null || twilioAuthToken.isBlank())) {
			// Without a Twilio account, a simulated call can still be signed (and is
			// checked).
			environment.put("TWILIO_AUTH_TOKEN", LOCAL_TWILIO_AUTH_TOKEN);
		}
		CLIENT_SECRETS.forEach((client, variable) -> {
			String secret = System.getenv(variable);
			if ((service.name().equals("auth-service") || service.name().equals(client))
					&& (secret == null || secret.isBlank())) {
				// Both ends of a service-token client share a secret of this stack, so
				// that registration documents are indexed and the in-call tools work.
				environment.put(variable, this.localSecrets.get(variable));
			}
		});
		if (CALLED_WITH_TOKENS.containsKey(service.name())) {
			this.layout.services()
				.stream()
				.filter((called) -> CALLED_WITH_TOKENS.get(service.name()).contains(called.name()))
				.forEach((called) -> environment.put(called.urlVariable(),
						"http://localhost:" + this.layout.portOf(called.name())));
			if (this.layout.servicePorts().containsKey("auth-service")) {
				environment.put("AUTH_TOKEN_URI",
						"http://localhost:" + this.layout.portOf("auth-service") + "/oauth2/token");
			}
		}
		if (service.name().equals("rag-service")) {
			environment.put("RAG_INDEX_DIR", this.layout.dataDirectory().resolve("rag-index").toString());
		}
		if (service.database() != null) {
			environment.put("DB_URL", this.postgres.jdbcUrl(service.database()));
			environment.put("DB_USERNAME", LocalPostgres.USER);
			environment.put("DB_PASSWORD", "");
		}
		if (service.name().equals(StackService.GATEWAY)) {
			this.layout.services()
				.stream()
				.filter((downstream) -> !downstream.name().equals(StackService.GATEWAY))
				.forEach((downstream) -> environment.put(downstream.urlVariable(),
						"http://localhost:" + this.layout.portOf(downstream.name())));
		}
		environment.putAll(this.layout.environmentOf(service));
		return environment;
	}

	private void checkNotClosed() {
		if (this.closed) {
			throw new StackStartException("The stack is being stopped");
		}
	}

	/**
	 * Kills a running AOT training, stops the services (gracefully, in parallel), then
	 * the OIDC stand-in, Kafka and PostgreSQL. Safe to call more than once, and from a
	 * shutdown hook while the stack is still starting.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.training != null) {
			this.training.interrupt();
		}
		if (this.trainee != null) {
			// A training has nothing to keep (its cache is written only when it ends).
			this.trainee.awaitStopped(Duration.ZERO);
		}
		this.services.values().forEach(ServiceProcess::requestStop);
		this.services.forEach((name, service) -> {
			if (!service.awaitStopped(STOP_TIMEOUT)) {
				// A service that hangs on shutdown is a bug worth seeing, not only a slow
				// stop.
				System.out.println(name + " did not stop within " + STOP_TIMEOUT.toSeconds()
						+ " s and was killed; its log: " + service.log());
			}
		});
		this.services.clear();
		if (this.oidc != null) {
			this.oidc.shutdown();
			this.oidc = null;
		}
		if (this.kafka != null) {
			this.kafka.stop();
			this.kafka = null;
		}
		if (this.postgres != null) {
			this.postgres.close();
			this.postgres = null;
		}
	}

}
