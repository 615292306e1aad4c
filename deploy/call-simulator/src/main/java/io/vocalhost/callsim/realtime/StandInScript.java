package io.vocalhost.callsim.realtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Realtime stand-in says, and which tools it calls, turn by turn. A JSON file:
 *
 * <pre>
 * {"greeting": "Hello, Bright Smile Dental, how can I help?",
 *  "turns": [
 *    {"caller": "What do you have tomorrow?",
 *     "call": {"name": "check_availability", "arguments": {"date": "tomorrow"}}},
 *    {"caller": "Ten please, for Jon.", "call": {"name": "book_appointment",
 *     "arguments": {"date": "tomorrow", "time": "10:00", "customer_name": "Jon"}}},
 *    {"caller": "Thanks, bye.", "say": "You are welcome, goodbye!"}]}
 * </pre>
 *
 * Each time the caller stops speaking the next turn is played: {@code caller} is the
 * transcription of what they said, then either {@code say} is spoken, or the tool of
 * {@code call} is called and, once its output is back, {@code then} is spoken (by default
 * the stand-in reads out the output). After the last turn every turn is the default one.
 */
record StandInScript(String greeting, List<Turn> turns) {

	static final String DEFAULT_GREETING = "Hello, thank you for calling. This is the VocalHost Realtime stand-in: "
			+ "I hear when you speak, but I do not understand words.";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** One exchange; {@code call} is {@code null} when the stand-in only speaks. */
	record Turn(String caller, String say, ToolCall call, String then) {
	}

	record ToolCall(String name, String arguments) {
	}

	static StandInScript standard() {
		return new StandInScript(DEFAULT_GREETING, List.of());
	}

	static StandInScript read(Path file) throws IOException {
		JsonNode root;
		try {
			root = json.readTree(Files.readString(file));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(file + " is not JSON: " + ex.getOriginalMessage());
		}
		if (!root.isObject()) {
			throw new IllegalArgumentException(file + " must hold a JSON object with \"greeting\" and \"turns\"");
		}
		List<Turn> turns = new ArrayList<>();
		for (JsonNode turn : root.path("turns")) {
			JsonNode call = turn.path("call");
			ToolCall toolCall = null;
			if (call.isObject()) {
				if (!call.path("name").isString()) {
					throw new IllegalArgumentException(
							file + ": turn " + (turns.size() + 1) + " has a call without a name");
				}
				toolCall = new ToolCall(call.path("name").asString(), json.writeValueAsString(
						call.path("arguments").isObject() ? call.path("arguments") : json.createObjectNode()));
			}
			turns.add(new Turn(turn.path("caller").asString(null), turn.path("say").asString(null), toolCall,
					turn.path("then").asString(null)));
		}
		return new StandInScript(root.path("greeting").asString(DEFAULT_GREETING), List.copyOf(turns));
	}

	/** The turn played when the caller has stopped speaking for the given time. */
	Turn turn(int index, long spokeMilliseconds) {
		String heard = String.format(Locale.ROOT, "(%.1f seconds of speech)", spokeMilliseconds / 1000.0);
		if (index < this.turns.size()) {
			Turn scripted = this.turns.get(index);
			return new Turn((scripted.caller() != null) ? scripted.caller() : heard,
					(scripted.say() != null || scripted.call() != null) ? scripted.say()
							: "I heard you for " + seconds(spokeMilliseconds) + ".",
					scripted.call(), scripted.then());
		}
		return new Turn(heard, "I heard you speak for " + seconds(spokeMilliseconds) + ".", null, null);
	}

	private static String seconds(long milliseconds) {
		return String.format(Locale.ROOT, "%.1f seconds", milliseconds / 1000.0);
	}

}
