package io.vocalhost.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One service of the system as the local stack runs it. {@link #ALL} is the list of
 * services that every other list (the build, compose, the gateway's routes, the database
 * script) is checked against by {@code DeploymentConsistencyTests}.
 *
 * @param name the Maven module and {@code spring.application.name}
 * @param defaultPort its port in the local stack
 * @param database its PostgreSQL database, or {@code null} when it has none
 * @param jvmOptions options of its JVM after the stack's common ones (a later
 * {@code -Xmx} wins)
 */
public record StackService(String name, int defaultPort, String database, List<String> jvmOptions) {

	/** Every service, in the order they are listed; the gateway first. */
	public static final List<StackService> ALL = List.of(new StackService("gateway-service", 5001, null, List.of()),
			new StackService("auth-service", 8081, "auth", List.of()),
			new StackService("assistant-service", 8082, "assistant", List.of()),
			new StackService("booking-service", 8083, "booking", List.of()),
			new StackService("billing-service", 8084, "billing", List.of()),
			// Two WebSockets and their buffers per call.
			new StackService("voice-bridge-service", 8085, "voice_bridge", List.of("-Xmx384m")),
			// The embedding model and its ONNX runtime live in the heap.
			new StackService("rag-service", 8086, "rag", List.of("-Xmx512m", "--add-modules=jdk.incubator.vector")));

	public static final String GATEWAY = "gateway-service";

	/** The runnable jar the build leaves in the module's target folder. */
	public Path jar(Path projectRoot) {
		return projectRoot.resolve(this.name).resolve("target").resolve(this.name + ".jar");
	}

	/** The environment variable through which the gateway finds this service. */
	public String urlVariable() {
		return variableName() + "_URL";
	}

	/** The name in environment variables: {@code VOICE_BRIDGE_SERVICE}. */
	public String variableName() {
		return this.name.replace('-', '_').toUpperCase();
	}

}
