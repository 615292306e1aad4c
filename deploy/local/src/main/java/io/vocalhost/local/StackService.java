package io.vocalhost.local;

import java.nio.file.Path;
import java.util.List;

/**
 * One service of the system as the local stack runs it.
 *
 * @param name the Maven module and {@code spring.application.name}
 * @param defaultPort its port in the local stack
 * @param database its PostgreSQL database, or {@code null} when it has none
 */
public record StackService(String name, int defaultPort, String database) {

	/** Every service, in the order they are listed; the gateway first. */
	public static final List<StackService> ALL = List.of(new StackService("gateway-service", 5001, null),
			new StackService("auth-service", 8081, "auth"), new StackService("assistant-service", 8082, "assistant"),
			new StackService("booking-service", 8083, "booking"), new StackService("billing-service", 8084, "billing"),
			new StackService("voice-bridge-service", 8085, "voice_bridge"),
			new StackService("rag-service", 8086, "rag"));

	public static final String GATEWAY = "gateway-service";

	/** The runnable jar the build leaves in the module's target folder. */
	public Path jar(Path projectRoot) {
		return projectRoot.resolve(this.name).resolve("target").resolve(this.name + ".jar");
	}

	/** The environment variable through which the gateway finds this service. */
	public String urlVariable() {
		return this.name.replace("-service", "").replace('-', '_').toUpperCase() + "_SERVICE_URL";
	}

}
