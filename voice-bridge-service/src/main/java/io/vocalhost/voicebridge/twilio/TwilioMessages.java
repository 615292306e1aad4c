package io.vocalhost.voicebridge.twilio;

import java.net.URI;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.vocalhost.common.twilio.TwilioRestClients;

/**
 * Text messages sent through Twilio's Messages API, on the same REST client mechanism as
 * {@link TwilioCalls} ({@code TWILIO_API_BASE} honoured).
 */
public final class TwilioMessages {

	private final TwilioRestClient client;

	private final URI statusCallback;

	/**
	 * @param client {@code null} when the account is not configured: nothing is sent
	 * @param statusCallback where Twilio reports each message's delivery status
	 */
	TwilioMessages(TwilioRestClient client, URI statusCallback) {
		this.client = client;
		this.statusCallback = statusCallback;
	}

	/**
	 * @param publicUrl the bridge's public URL, for {@code /sms/status}
	 */
	public static TwilioMessages create(String accountSid, String authToken, String apiBase, String publicUrl) {
		boolean configured = !accountSid.isBlank() && authToken != null && !authToken.isBlank();
		String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		return new TwilioMessages(configured ? TwilioRestClients.create(accountSid, authToken, apiBase) : null,
				URI.create(base + "/sms/status"));
	}

	public boolean configured() {
		return this.client != null;
	}

	/**
	 * Hands one message to Twilio, on the caller's thread.
	 * @return the message's SID and Twilio's first status (usually {@code queued}), or
	 * the refusal with Twilio's error code
	 */
	public Outcome send(String from, String to, String body) {
		if (this.client == null) {
			throw new IllegalStateException("Twilio is not configured");
		}
		try {
			Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body)
				.setStatusCallback(this.statusCallback)
				.create(this.client);
			return new Outcome(message.getSid(), message.getStatus().toString(), null);
		}
		catch (ApiException ex) {
			return new Outcome(null, "failed", ex.getCode());
		}
	}

	/**
	 * What Twilio answered.
	 *
	 * @param sid {@code null} when the message was refused
	 * @param errorCode Twilio's error code of a refusal; {@code null} when it was taken
	 * or when Twilio could not be reached
	 */
	public record Outcome(String sid, String status, Integer errorCode) {
	}

}
