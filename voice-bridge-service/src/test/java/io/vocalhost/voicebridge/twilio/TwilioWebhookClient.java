package io.vocalhost.voicebridge.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Posts Twilio's webhooks to a bridge on localhost, signed as Twilio signs them for the
 * public URL the bridge is known by.
 */
public final class TwilioWebhookClient {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final String publicUrl;

	private final TwilioSigner signer;

	public TwilioWebhookClient(int port, String publicUrl, String authToken) {
		this.port = port;
		this.publicUrl = publicUrl;
		this.signer = new TwilioSigner(authToken);
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
		return post(path, form, this.signer.sign(this.publicUrl + path, form));
	}

	public HttpResponse<String> post(String path, Map<String, String> form, String signature)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
