package io.vocalhost.voicebridge.relay;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools the assistant may call, as declared in {@code session.update}: names and
 * parameters are part of the product's contract (docs/voice.md), scripts and dashboards
 * rely on them. Dates and times are passed as the caller said them; the bridge resolves
 * them.
 */
public final class ToolDeclarations {

	public static final String CHECK_AVAILABILITY = "check_availability";

	public static final String BOOK_APPOINTMENT = "book_appointment";

	public static final String CANCEL_OR_RESCHEDULE = "cancel_or_reschedule";

	public static final String SEARCH_KNOWLEDGE = "search_knowledge";

	public static final String TRANSFER_TO_HUMAN = "transfer_to_human";

	public static final String TAKE_MESSAGE = "take_message";

	public static final String END_CALL = "end_call";

	private static final String DATE = "The date as the caller said it: 'tomorrow', 'next Tuesday', 'the 14th', "
			+ "'14 January' or an ISO date. Never compute a date yourself.";

	private static final String TIME = "The time as the caller said it ('10', '2:30 pm', '14:00') or a part of the "
			+ "day ('morning', 'afternoon', 'evening').";

	private ToolDeclarations() {
	}

	/** The {@code session.tools} array. */
	public static ArrayNode all() {
		ArrayNode tools = JsonNodeFactory.instance.arrayNode();
		tools.add(tool(CHECK_AVAILABILITY,
				"Find free appointment slots on a date (and near a time), or the next days with free slots.",
				new String[] { "date" }, "date", DATE, "time", TIME));
		tools.add(tool(BOOK_APPOINTMENT,
				"Book an appointment for the caller in a free slot. Ask for their name first; their phone number is "
						+ "known already.",
				new String[] { "date", "time", "customer_name" }, "date", DATE, "time", TIME, "customer_name",
				"The caller's name, as they gave it.", "details", "What the appointment is for, if said."));
		ObjectNode change = tool(CANCEL_OR_RESCHEDULE,
				"Cancel or move the caller's upcoming appointment, found by the phone number they call from.",
				new String[] { "action" }, "action", "'cancel' or 'reschedule'.", "booking_id",
				"Not needed: the caller's own next appointment is the one changed.", "new_date",
				"For reschedule: " + DATE, "new_time", "For reschedule: " + TIME);
		((ObjectNode) change.at("/parameters/properties/action")).putArray("enum").add("cancel").add("reschedule");
		tools.add(change);
		tools.add(tool(SEARCH_KNOWLEDGE,
				"Search the business's own documents (prices, services, policies, directions). Answer only from the "
						+ "passages found; if nothing is found, say you do not know.",
				new String[] { "question" }, "question", "The caller's question in a few words."));
		tools.add(tool(TRANSFER_TO_HUMAN, "Hand the call to a person at the business, when the caller asks for one.",
				new String[0], "reason", "Why the caller wants a person."));
		tools.add(tool(TAKE_MESSAGE, "Leave a message for the business to call the caller back.",
				new String[] { "name", "message" }, "name", "The caller's name.", "message", "The message, in short.",
				"callback_number", "A number to call back, only if different from the one they call from."));
		tools.add(tool(END_CALL,
				"End the call once the caller has what they need and you have said goodbye in your reply.",
				new String[0], "reason", "Why the call ends."));
		return tools;
	}

	/** A function tool whose parameters are all strings: name, description pairs. */
	private static ObjectNode tool(String name, String description, String[] required, String... parameters) {
		ObjectNode tool = JsonNodeFactory.instance.objectNode()
			.put("type", "function")
			.put("name", name)
			.put("description", description);
		ObjectNode schema = tool.putObject("parameters").put("type", "object");
		ObjectNode properties = schema.putObject("properties");
		for (int i = 0; i < parameters.length; i += 2) {
			properties.putObject(parameters[i]).put("type", "string").put("description", parameters[i + 1]);
		}
		ArrayNode names = schema.putArray("required");
		for (String parameter : required) {
			names.add(parameter);
		}
		schema.put("additionalProperties", false);
		return tool;
	}

}
