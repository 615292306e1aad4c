package io.vocalhost.voicebridge.tools;

import java.time.Clock;
import java.util.UUID;

import io.vocalhost.common.security.ServiceTokens;
import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.call.Callbacks;
import io.vocalhost.voicebridge.relay.ToolRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Gives each call its assistant's tools ({@link ReceptionistTools}), all sharing one
 * service token of the {@code voice-bridge-service} client for booking-service and
 * rag-service.
 */
@Component
@EnableConfigurationProperties(ToolsProperties.class)
public class CallTools {

	private static final Logger log = LoggerFactory.getLogger(CallTools.class);

	private final ToolsProperties properties;

	private final InternalApi api;

	private final Callbacks callbacks;

	private final Clock clock;

	CallTools(ToolsProperties properties, Callbacks callbacks, Clock clock) {
		this.properties = properties;
		this.callbacks = callbacks;
		this.clock = clock;
		if (properties.configured()) {
			this.api = new InternalApi(new ServiceTokens(properties.tokenUri(), "voice-bridge-service",
					properties.clientSecret(), "bookings:read bookings:write knowledge:search", clock),
					properties.responseTimeout());
		}
		else {
			log.warn("VOICE_BRIDGE_CLIENT_SECRET is not set: during calls the assistant cannot check availability, "
					+ "book or search the business's documents (it offers to take a message instead)");
			this.api = null;
		}
	}

	/**
	 * @param caller the caller's number as Twilio gave it ({@code From}), the only phone
	 * a booking or a change is made for
	 */
	public ToolRunner forCall(UUID callId, String caller, AssistantReplica assistant) {
		return new ReceptionistTools(callId, caller, assistant, this.api, this.properties, this.callbacks,
				new CallerDates(this.clock), this.clock);
	}

}
