package io.vocalhost.gateway;

import java.util.List;
import java.util.function.IntSupplier;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The services behind the gateway, as its tests stand in for them. deploy/local's
 * DeploymentConsistencyTests checks this list against the gateway's routes.
 */
final class Downstreams {

	static final List<String> NAMES = List.of("auth-service", "assistant-service", "booking-service", "billing-service",
			"voice-bridge-service", "rag-service");

	private Downstreams() {
	}

	/** Points every service's URL at one stand-in server. */
	static void allAt(DynamicPropertyRegistry registry, IntSupplier port) {
		NAMES.forEach((service) -> registry.add("vocalhost.services." + service,
				() -> "http://127.0.0.1:" + port.getAsInt()));
	}

}
