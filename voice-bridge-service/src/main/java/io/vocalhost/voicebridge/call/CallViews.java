package io.vocalhost.voicebridge.call;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.databind.JsonNode;

/** What the calls API answers. */
final class CallViews {

	private CallViews() {
	}

	/**
	 * A call in a list.
	 *
	 * @param durationSeconds Twilio's reported duration, else the bridge's own measure;
	 * {@code null} while the call runs
	 * @param endReason {@code null} while the call runs
	 * @param status Twilio's final call status, once reported
	 * @param summary what the call was about, from what the caller said and what the
	 * assistant's tools did; {@code null} while the call runs or when there was nothing
	 */
	record CallSummary(UUID id, @JsonProperty("assistant_id") Long assistantId, String caller,
			@JsonProperty("called_number") String calledNumber, @JsonProperty("started_at") Instant startedAt,
			@JsonProperty("answered_at") Instant answeredAt, @JsonProperty("ended_at") Instant endedAt,
			@JsonProperty("duration_seconds") Integer durationSeconds, @JsonProperty("end_reason") String endReason,
			String status, String summary) {
	}

	/** One page of calls, newest first, and how many match in all. */
	record CallPage(List<CallSummary> calls, int page, int size, long total) {
	}

	/** A turn of the call: seq from 1 in conversation order, role caller or assistant. */
	record Message(int seq, String role, String text, Instant at) {
	}

	/**
	 * A tool the assistant called: seq from 1 in the order the results arrived, the
	 * arguments the model sent and the output it got back (both JSON).
	 */
	record ToolCallView(int seq, String name, JsonNode arguments, JsonNode output, Instant at,
			@JsonProperty("took_ms") long tookMs) {
	}

	/**
	 * A call with its transcript: the call's fields, then its messages and tool calls.
	 */
	record CallDetails(@JsonUnwrapped CallSummary call, List<Message> messages,
			@JsonProperty("tool_calls") List<ToolCallView> toolCalls) {
	}

}
