package io.vocalhost.voicebridge.relay;

import java.util.Base64;

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

}
