package io.vocalhost.assistant.assistant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer of {@code PATCH /api/assistant/{id}}: the original backend's message, the
 * fields the request sent and the changed assistant under {@code assistant}, where the
 * original frontend reads it. The assistant's fields also stay at the top level, where
 * this API answered them before.
 */
record UpdatedAssistant(String message, @JsonProperty("updated_fields") List<String> updatedFields,
		AssistantView assistant, @JsonUnwrapped AssistantView fields) {

	static UpdatedAssistant of(List<String> updatedFields, AssistantView assistant) {
		return new UpdatedAssistant("Assistant updated successfully", updatedFields, assistant, assistant);
	}

}
