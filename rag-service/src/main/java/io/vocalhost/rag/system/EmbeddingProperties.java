package io.vocalhost.rag.system;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider {@code local} (the model inside the jar) or {@code openai}
 * @param openaiApiKey required with {@code openai}
 * @param openaiBaseUrl another endpoint speaking OpenAI's API
 * @param openaiModel {@code text-embedding-3-small} or {@code text-embedding-3-large}
 * @param openaiDimensions the vector length asked of OpenAI (at most 1024, the index's
 * limit)
 * @param openaiAttempts tries of one batch before indexing fails
 */
@ConfigurationProperties("vocalhost.rag.embedding")
public record EmbeddingProperties(@DefaultValue("local") String provider, String openaiApiKey,
		@DefaultValue("https://api.openai.com/v1") URI openaiBaseUrl,
		@DefaultValue("text-embedding-3-small") String openaiModel, @DefaultValue("1024") int openaiDimensions,
		@DefaultValue("4") int openaiAttempts) {
}
