package io.vocalhost.assistant.assistant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The 201 answer of a registration: the number only when the assistant has one, the
 * warnings only when there are any.
 */
record Registered(String message, @JsonProperty("assistant_id") long assistantId,
		@JsonProperty("twilio_number") @JsonInclude(JsonInclude.Include.NON_NULL) String twilioNumber,
		@JsonProperty("indexed_chunks") int indexedChunks,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

}
