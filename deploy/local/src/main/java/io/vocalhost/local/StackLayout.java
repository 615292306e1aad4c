package io.vocalhost.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vocalhost.infra.FreePorts;

/**
 * Where the local stack keeps its data and which ports it uses.
 *
 * @param projectRoot the checkout, where each service's jar is built
 * @param dataDirectory PostgreSQL and Kafka data and the logs, kept across restarts
 * @param postgresPort PostgreSQL's port
 * @param kafkaPort Kafka's client port (the controller takes the next one)
 * @param oidcPort the port of the OIDC stand-in that plays Google
 * @param servicePorts each service's port by name
 * @param jvmOptions options for every service JVM
 * @param serviceJvmOptions the user's options for one service's JVM, by service name,
 * after every other option
 * @param serviceEnvironment the user's extra environment of one service, by service name
 */
public record StackLayout(Path projectRoot, Path dataDirectory, int postgresPort, int kafkaPort, int oidcPort,
		Map<String, Integer> servicePorts, List<String> jvmOptions, Map<String, List<String>> serviceJvmOptions,
		Map<String, Map<String, String>> serviceEnvironment) {

	public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xss512k");

	/** The fixed ports the README documents, for every service. */
	public static StackLayout fixedPorts(Path projectRoot, Path dataDirectory, List<String> jvmOptions) {
		return fixedPorts(projectRoot, dataDirectory, jvmOptions, StackService.ALL, 0);
	}

	/**
	 * The fixed ports the README documents, each moved by {@code portOffset}, for the
	 * given services only.
	 */
	public static StackLayout fixedPorts(Path projectRoot, Path dataDirectory, List<String> jvmOptions,
			List<StackService> services, int portOffset) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		services.forEach((service) -> ports.put(service.name(), service.defaultPort() + portOffset));
		return new StackLayout(projectRoot, dataDirectory, 15432 + portOffset, 19092 + portOffset, 8090 + portOffset,
				ports, jvmOptions, Map.of(), Map.of());
	}

	/** Free ports, for a stack that must not collide with one already running (tests). */
	public static StackLayout freePorts(Path projectRoot, Path dataDirectory) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		StackService.ALL.forEach((service) -> ports.put(service.name(), FreePorts.find()));
		return new StackLayout(projectRoot, dataDirectory, FreePorts.find(), FreePorts.find(), FreePorts.find(), ports,
				DEFAULT_JVM_OPTIONS, Map.of(), Map.of());
	}

	/** This layout with the user's own JVM options and environment per service. */
	public StackLayout withServiceSettings(Map<String, List<String>> jvmOptions,
			Map<String, Map<String, String>> environment) {
		return new StackLayout(this.projectRoot, this.dataDirectory, this.postgresPort, this.kafkaPort, this.oidcPort,
				this.servicePorts, this.jvmOptions, jvmOptions, environment);
	}

	/**
	 * The options of one service's JVM: the stack's, the service's own, then the user's
	 * for that service.
	 */
	public List<String> jvmOptionsOf(StackService service) {
		List<String> options = new ArrayList<>(this.jvmOptions);
		options.addAll(service.jvmOptions());
		options.addAll(this.serviceJvmOptions.getOrDefault(service.name(), List.of()));
		return options;
	}

	/** The user's extra environment of one service. */
	public Map<String, String> environmentOf(StackService service) {
		return this.serviceEnvironment.getOrDefault(service.name(), Map.of());
	}

	/** The services this layout runs, in the order of {@link StackService#ALL}. */
	public List<StackService> services() {
		return StackService.ALL.stream().filter((service) -> this.servicePorts.containsKey(service.name())).toList();
	}

	public int portOf(String service) {
		return this.servicePorts.get(service);
	}

	public String gatewayUrl() {
		// A reduced stack without the gateway still hands its services the documented
		// URL.
		return "http://localhost:" + this.servicePorts.getOrDefault(StackService.GATEWAY, 5001);
	}

	public String oidcIssuer() {
		return "http://localhost:" + this.oidcPort + "/google";
	}

	public Path logDirectory() {
		return this.dataDirectory.resolve("logs");
	}

}
