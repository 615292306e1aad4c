package io.vocalhost.rag.system;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url Qdrant's gRPC endpoint ({@code http://host:6334}, or {@code https://} for
 * TLS); empty means the local Lucene index
 * @param apiKey sent as Qdrant's {@code api-key}, when set
 * @param collection the one collection all assistants' chunks live in
 * @param timeout how long one call to Qdrant may take
 */
@ConfigurationProperties("vocalhost.rag.qdrant")
public record QdrantProperties(URI url, String apiKey, @DefaultValue("vocalhost_chunks") String collection,
		@DefaultValue("10s") Duration timeout) {

	public boolean enabled() {
		return this.url != null && !this.url.toString().isBlank();
	}

}
