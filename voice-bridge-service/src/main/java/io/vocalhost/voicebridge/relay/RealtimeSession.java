package io.vocalhost.voicebridge.relay;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.stream.Collectors;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.call.CallEndReason;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Realtime API (GA shape) session for a phone call: μ-law both ways at Twilio's 8
 * kHz, server voice activity detection, caller transcription, and instructions that tell
 * the model which business it answers for and what time it is there.
 *
 * @param turnDetection the {@code turn_detection.type}, e.g. {@code server_vad}
 * @param transcriptionModel the model that transcribes the caller
 */
public record RealtimeSession(String turnDetection, String transcriptionModel) {

	private static final DateTimeFormatter NOW = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);

	public ObjectNode sessionUpdate(CallContext call, Clock clock) {
		ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "session.update");
		ObjectNode session = event.putObject("session").put("type", "realtime");
		session.putArray("output_modalities").add("audio");
		session.put("instructions", instructions(call, clock));
		ObjectNode audio = session.putObject("audio");
		ObjectNode input = audio.putObject("input");
		input.putObject("format").put("type", "audio/pcmu");
		input.putObject("turn_detection").put("type", this.turnDetection);
		input.putObject("transcription").put("model", this.transcriptionModel);
		ObjectNode output = audio.putObject("output");
		output.putObject("format").put("type", "audio/pcmu");
		output.put("voice", call.realtimeVoice());
		session.set("tools", ToolDeclarations.all());
		session.put("tool_choice", "auto");
		return event;
	}

	/** A tool's result for the model, answering its {@code function_call}. */
	public ObjectNode functionOutput(String callId, String output) {
		ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "conversation.item.create");
		event.putObject("item").put("type", "function_call_output").put("call_id", callId).put("output", output);
		return event;
	}

	/** Asks the model to reply now that its tools have answered. */
	public ObjectNode replyToTools() {
		return JsonNodeFactory.instance.objectNode().put("type", "response.create");
	}

	/** The caller pressed 0 on the keypad: they want a person. */
	public ObjectNode callerPressedZero() {
		ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "conversation.item.create");
		ObjectNode item = event.putObject("item").put("type", "message").put("role", "user");
		item.putArray("content")
			.addObject()
			.put("type", "input_text")
			.put("text", "(The caller pressed 0 on the keypad to speak to a person.)");
		return event;
	}

	/**
	 * Asks for the assistant's first words, so the caller does not have to speak first.
	 */
	public ObjectNode greeting(CallContext call) {
		return response((call.greeting() == null || call.greeting().isBlank())
				? "Greet the caller briefly on behalf of " + call.businessName() + " and ask how you can help."
				: "Greet the caller with exactly these words: " + call.greeting());
	}

	/** After a silence: asks the caller, once, whether they are still on the line. */
	public ObjectNode stillThere() {
		return response("The caller has been silent for a while. Ask briefly whether they are still there.");
	}

	/** The assistant's last words before the bridge hangs up. */
	public ObjectNode goodbye(CallEndReason reason) {
		return response(switch (reason) {
			case IDLE_TIMEOUT -> "The caller has not answered. Say a brief, friendly goodbye and that they are "
					+ "welcome to call again.";
			case MAX_DURATION -> "This call has reached its maximum length. Apologise briefly, say goodbye and "
					+ "invite the caller to call again.";
			default ->
				"This line has to close now. Apologise briefly, say goodbye and invite the caller to call " + "again.";
		});
	}

	/** After the upstream socket was reconnected and the conversation restored. */
	public ObjectNode resume() {
		return response("The line dropped for a moment. Apologise in a few words and carry on where the "
				+ "conversation was.");
	}

	/** A completed turn of this call, given again to a new session after a reconnect. */
	public ObjectNode restoredTurn(Conversation.Turn turn) {
		boolean caller = turn.role() == Conversation.Role.CALLER;
		ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "conversation.item.create");
		ObjectNode item = event.putObject("item").put("type", "message").put("role", caller ? "user" : "assistant");
		item.putArray("content")
			.addObject()
			.put("type", caller ? "input_text" : "output_text")
			.put("text", turn.text());
		return event;
	}

	private static ObjectNode response(String instructions) {
		ObjectNode event = JsonNodeFactory.instance.objectNode().put("type", "response.create");
		event.putObject("response").put("instructions", instructions);
		return event;
	}

	static String instructions(CallContext call, Clock clock) {
		ZonedDateTime now = ZonedDateTime.now(clock.withZone(call.zone()));
		StringBuilder text = new StringBuilder();
		text.append("You are ")
			.append(call.receptionistName())
			.append(", the phone receptionist of ")
			.append(call.businessName())
			.append(". Speak briefly and warmly, as on the phone.\n");
		if (call.description() != null && !call.description().isBlank()) {
			text.append("About the business: ").append(call.description()).append('\n');
		}
		text.append("Opening hours (").append(call.zone().getId()).append("):\n");
		for (DayOfWeek day : DayOfWeek.values()) {
			String ranges = call.hours()
				.stream()
				.filter((hours) -> hours.day() == day)
				.map(RealtimeSession::range)
				.collect(Collectors.joining(", "));
			text.append("- ")
				.append(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
				.append(": ")
				.append(ranges.isEmpty() ? "closed" : ranges)
				.append('\n');
		}
		text.append("It is now ").append(NOW.format(now)).append(" there.\n");
		text.append("""
				Use your tools: check_availability before offering times, book_appointment to book (ask for the \
				caller's name first), cancel_or_reschedule for their existing appointment, search_knowledge for \
				anything about the business. Pass dates and times as the caller said them. Answer only from what \
				the tools return: never invent prices, policies, hours or free times. When a tool gives a reason \
				instead of a result, tell the caller in your own words. If the caller wants a person, use \
				transfer_to_human; to leave word, take_message. After your goodbye, use end_call.""");
		return text.toString();
	}

	private static String range(OpeningHours hours) {
		return hours.start() + "–" + hours.end();
	}

}
