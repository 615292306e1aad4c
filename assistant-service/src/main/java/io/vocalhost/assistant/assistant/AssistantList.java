package io.vocalhost.assistant.assistant;

import java.util.List;

/** The answer of {@code GET /api/assistants}: the signed-in owner's assistants. */
record AssistantList(List<AssistantView> assistants) {

}
