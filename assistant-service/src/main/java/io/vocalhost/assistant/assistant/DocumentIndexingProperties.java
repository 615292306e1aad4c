package io.vocalhost.assistant.assistant;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where registration documents are indexed.
 *
 * @param ragUrl rag-service
 * @param tokenUri auth-service's token endpoint, for the service token
 * @param clientSecret the secret of the {@code assistant-service} client at auth-service;
 * empty means documents are not indexed (said at start-up and in each registration's
 * warnings)
 * @param timeout how long indexing one file may take
 */
@ConfigurationProperties("vocalhost.documents")
public record DocumentIndexingProperties(@DefaultValue("http://localhost:8086") URI ragUrl,
		@DefaultValue("http://localhost:8081/oauth2/token") URI tokenUri, String clientSecret,
		@DefaultValue("120s") Duration timeout) {

	public boolean configured() {
		return this.clientSecret != null && !this.clientSecret.isBlank();
	}

}
