package io.vocalhost.voicebridge.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.vocalhost.voicebridge.relay.Conversation.Role;
import io.vocalhost.voicebridge.relay.Conversation.Turn;
import io.vocalhost.voicebridge.relay.ToolCall;

/**
 * The short summary stored with a call: who called, what they first asked, and what the
 * assistant's tools did (booked, moved, cancelled, took a message, transferred). Built
 * from the call's own record, so it is never invented; {@code null} when the caller said
 * nothing and no tool did anything, never an empty string.
 */
final class CallSummaries {

	private static final int MAX_REQUEST = 160;

	private CallSummaries() {
	}

	static String of(String caller, List<Turn> turns, List<ToolCall> toolCalls) {
		List<String> parts = new ArrayList<>();
		turns.stream()
			.filter((turn) -> turn.role() == Role.CALLER && !turn.text().isBlank())
			.findFirst()
			.ifPresent((turn) -> parts.add(((caller != null && !caller.isBlank()) ? caller : "The caller")
					+ " asked: \"" + shortened(turn.text().strip()) + "\"."));
		toolCalls.stream().map(ToolCall::summary).filter(Objects::nonNull).distinct().forEach(parts::add);
		return parts.isEmpty() ? null : String.join(" ", parts);
	}

	private static String shortened(String text) {
		if (text.length() <= MAX_REQUEST) {
			return text;
		}
		int cut = text.lastIndexOf(' ', MAX_REQUEST);
		return text.substring(0, (cut > 0) ? cut : MAX_REQUEST) + "…";
	}

}
