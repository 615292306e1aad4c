package io.vocalhost.voicebridge.relay;

import java.util.Base64;

import tools.jackson.databind.json.JsonMapper;

/** Twilio Media Streams and Realtime API frames as the two services send them. */
public final class MediaStreamFrames {

	private MediaStreamFrames() {
	}

	/** 20 ms of μ-law (160 bytes), tagged by its first byte. */
	public static String payload(int tag) {
		byte[] audio = new byte[160];
		audio[0] = (byte) tag;
		return Base64.getEncoder().encodeToString(audio);
	}

	public static String start(String streamSid, String token) {
		return "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"streamSid\":\"" + streamSid
				+ "\",\"start\":{\"accountSid\":\"AC1\",\"streamSid\":\"" + streamSid
				+ "\",\"callSid\":\"CA1\",\"tracks\":[\"inbound\"],\"customParameters\":{\"token\":\"" + token
				+ "\"},\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}}}";
	}

	public static String media(String streamSid, String payload) {
		return "{\"event\":\"media\",\"streamSid\":\"" + streamSid
				+ "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"1\",\"timestamp\":\"5\",\"payload\":\"" + payload
				+ "\"}}";
	}

	public static String mark(String streamSid, String name) {
		return "{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"" + name + "\"}}";
	}

	public static String delta(String itemId, String audio) {
		return "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r1\",\"item_id\":\"" + itemId
				+ "\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + audio + "\"}";
	}

	/** The model's function call, its arguments complete. */
	public static String functionCallDone(String callId, String name, String arguments) {
		return JsonMapper.builder()
			.build()
			.createObjectNode()
			.put("type", "response.function_call_arguments.done")
			.put("item_id", "item_" + callId)
			.put("call_id", callId)
			.put("name", name)
			.put("arguments", arguments)
			.toString();
	}

	public static String added(String itemId, String previousItemId, String role) {
		String previous = (previousItemId != null) ? "\"" + previousItemId + "\"" : "null";
		return "{\"type\":\"conversation.item.added\",\"previous_item_id\":" + previous + ",\"item\":{\"id\":\""
				+ itemId + "\",\"type\":\"message\",\"role\":\"" + role
				+ "\",\"status\":\"in_progress\",\"content\":[]}}";
	}

	public static String transcriptDelta(String itemId, String delta) {
		return transcript("delta", itemId, "delta", delta);
	}

	public static String transcriptDone(String itemId, String transcript) {
		return transcript("done", itemId, "transcript", transcript);
	}

	private static String transcript(String event, String itemId, String field, String text) {
		return "{\"type\":\"response.output_audio_transcript." + event + "\",\"response_id\":\"r1\",\"item_id\":\""
				+ itemId + "\",\"output_index\":0,\"content_index\":0,\"" + field + "\":\"" + text + "\"}";
	}

	public static String transcribed(String itemId, String transcript) {
		return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"" + itemId
				+ "\",\"content_index\":0,\"transcript\":\"" + transcript + "\"}";
	}

	public static String committed(String itemId, String previousItemId) {
		return "{\"type\":\"input_audio_buffer.committed\",\"previous_item_id\":\"" + previousItemId
				+ "\",\"item_id\":\"" + itemId + "\"}";
	}

}
