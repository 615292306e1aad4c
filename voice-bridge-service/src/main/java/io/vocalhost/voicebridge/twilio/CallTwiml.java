package io.vocalhost.voicebridge.twilio;

import java.net.URI;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;

/**
 * The TwiML documents the bridge answers Twilio with, built with the SDK so that every
 * value is escaped.
 */
public final class CallTwiml {

	static final String APOLOGY = "Sorry, our assistant cannot take your call right now.";

	static final String TRANSFER = " Please hold while we connect you.";

	private final String streamBase;

	/**
	 * @param publicUrl the public URL Twilio reaches the gateway on; {@code https} gives
	 * {@code wss} streams, {@code http} gives {@code ws}
	 */
	public CallTwiml(String publicUrl) {
		URI uri = URI.create(publicUrl);
		String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
		String path = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
		this.streamBase = scheme + "://" + uri.getRawAuthority() + path + "/ws/call/";
	}

	/**
	 * Connects the call to its media stream; Twilio runs the fallback verbs after it if
	 * the stream ends unexpectedly.
	 */
	public String connect(String conversationId, String token, String businessPhone) {
		Stream stream = new Stream.Builder().url(this.streamBase + conversationId)
			.parameter(new Parameter.Builder().name("token").value(token).build())
			.build();
		VoiceResponse.Builder response = new VoiceResponse.Builder()
			.connect(new Connect.Builder().stream(stream).build());
		return toXml(withFallback(response, businessPhone));
	}

	/** A polite apology, then the business phone if there is one, else hang up. */
	public String fallback(String businessPhone) {
		return toXml(withFallback(new VoiceResponse.Builder(), businessPhone));
	}

	/** Ends the call. */
	public String hangUp() {
		return toXml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()));
	}

	/** Hands the call to the business phone, the assistant having said so. */
	public String dial(String businessPhone) {
		return toXml(new VoiceResponse.Builder().dial(new Dial.Builder(businessPhone).build()));
	}

	private static VoiceResponse.Builder withFallback(VoiceResponse.Builder response, String businessPhone) {
		if (businessPhone == null || businessPhone.isBlank()) {
			return response.say(new Say.Builder(APOLOGY + " Please call again later. Goodbye.").build())
				.hangup(new Hangup.Builder().build());
		}
		return response.say(new Say.Builder(APOLOGY + TRANSFER).build()).dial(new Dial.Builder(businessPhone).build());
	}

	private static String toXml(VoiceResponse.Builder response) {
		try {
			return response.build().toXml();
		}
		catch (TwiMLException ex) {
			throw new IllegalStateException("TwiML could not be written", ex);
		}
	}

}
