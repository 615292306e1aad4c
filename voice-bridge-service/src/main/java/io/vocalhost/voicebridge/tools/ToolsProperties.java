package io.vocalhost.voicebridge.tools;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the assistant's in-call tools reach booking-service and rag-service
 * ({@code vocalhost.voice.tools.*}).
 *
 * @param bookingUrl booking-service's base URL (its internal API)
 * @param ragUrl rag-service's base URL (its internal search)
 * @param tokenUri auth-service's token endpoint for the bridge's service token
 * @param clientSecret the {@code voice-bridge-service} client's secret; empty: the
 * booking and knowledge tools answer that they are not available
 * @param responseTimeout how long one request to those services may take (the relay's
 * tool timeout bounds the whole tool)
 * @param knowledgePassages how many passages {@code search_knowledge} gives the model
 */
@ConfigurationProperties("vocalhost.voice.tools")
public record ToolsProperties(URI bookingUrl, URI ragUrl, URI tokenUri, @DefaultValue("") String clientSecret,
		@DefaultValue("4s") Duration responseTimeout, @DefaultValue("3") int knowledgePassages) {

	public boolean configured() {
		return !this.clientSecret.isBlank();
	}

}
