package io.vocalhost.voicebridge.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vocalhost.callsim.CallWebhook;

/**
 * Posts Twilio's webhooks to a bridge on localhost, signed as Twilio signs them for the
 * public URL the bridge is known by.
 */
public final class TwilioWebhookClient {

	private final CallWebhook webhook;

	public TwilioWebhookClient(int port, String publicUrl, String authToken) {
		this.webhook = new CallWebhook(URI.create("http://localhost:" + port), publicUrl, authToken);
	}

	/** The voice webhook's form for an incoming call. */
	public static Map<String, String> incomingCall(String callSid, String to) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("CallSid", callSid);
		form.put("From", "+15557654321");
		form.put("To", to);
		form.put("CallStatus", "ringing");
		return form;
	}

	public HttpResponse<String> signedPost(String path, Map<String, String> form)
			throws IOException, InterruptedException {
		return post(path, form, this.webhook.sign(path, form));
	}

	public HttpResponse<String> post(String path, Map<String, String> form, String signature)
			throws IOException, InterruptedException {
		return this.webhook.post(path, form, signature);
	}

}
