package io.vocalhost.voicebridge.relay;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames of a call's audio, fifty a second in each direction, read and written
 * without building a JSON tree: Twilio's {@code media} and {@code mark} and the Realtime
 * API's {@code response.output_audio.delta} are scanned once for the few fields the relay
 * needs, and the frames the bridge sends for them are written around the base64 payload
 * as received. Every other frame (a few per call) is left to the tree model.
 */
final class AudioFrames {

	/**
	 * The fields of one frame that the audio path uses; {@code null} where absent or not
	 * a string.
	 *
	 * @param kind Twilio's {@code event} or the Realtime API's {@code type}
	 * @param streamSid Twilio's stream
	 * @param audio {@code media.payload} from Twilio, {@code delta} from the Realtime API
	 * @param name {@code mark.name} from Twilio
	 * @param itemId the Realtime API's {@code item_id}
	 */
	record Scanned(String kind, String streamSid, String audio, String name, String itemId) {
	}

	private AudioFrames() {
	}

	/**
	 * Scans a frame's top-level fields (and those of Twilio's {@code media} and
	 * {@code mark} objects), skipping everything else unread.
	 * @return the fields, or {@code null} when the frame is not a JSON object
	 */
	static Scanned scan(JsonMapper json, String frame) {
		try (JsonParser parser = json.createParser(frame)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String kind = null;
			String streamSid = null;
			String audio = null;
			String name = null;
			String itemId = null;
			for (String field = parser.nextName(); field != null; field = parser.nextName()) {
				JsonToken value = parser.nextToken();
				switch (field) {
					case "event", "type" -> kind = text(parser, value, kind);
					case "streamSid" -> streamSid = text(parser, value, streamSid);
					case "delta" -> audio = text(parser, value, audio);
					case "item_id" -> itemId = text(parser, value, itemId);
					case "media", "mark" -> {
						if (value != JsonToken.START_OBJECT) {
							parser.skipChildren();
							continue;
						}
						for (String inner = parser.nextName(); inner != null; inner = parser.nextName()) {
							JsonToken innerValue = parser.nextToken();
							if (inner.equals("payload")) {
								audio = text(parser, innerValue, audio);
							}
							else if (inner.equals("name")) {
								name = text(parser, innerValue, name);
							}
							else {
								parser.skipChildren();
							}
						}
					}
					default -> parser.skipChildren();
				}
			}
			// Whatever follows the object makes the frame malformed, as the tree model
			// would find.
			if (parser.nextToken() != null) {
				return null;
			}
			return new Scanned(kind, streamSid, audio, name, itemId);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(JsonParser parser, JsonToken value, String current) {
		if (value == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return current;
	}

	/**
	 * The JSON string literal of {@code value}: quoted, and escaped where it needs to be.
	 * Base64 payloads never need escaping and are copied as they are.
	 */
	static String quoted(JsonMapper json, String value) {
		return isBase64(value) ? '"' + value + '"' : json.writeValueAsString(value);
	}

	private static boolean isBase64(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
					|| c == '/' || c == '=';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
