package io.vocalhost.callsim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Twilio's voice webhook for an incoming call: the form Twilio posts, signed as Twilio
 * signs it for the public URL the bridge is known by, sent to wherever the bridge is
 * reached (the gateway, or the bridge itself in tests and the benchmark).
 */
public final class CallWebhook {

	public static final String ACCOUNT_SID = "ACsimulator0000000000000000000000";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI target;

	private final String publicUrl;

	private final TwilioSigner signer;

	/**
	 * @param target where the webhook is posted, e.g. {@code http://localhost:5001}
	 * @param publicUrl the bridge's {@code VOCALHOST_PUBLIC_URL}, which the signature
	 * covers
	 */
	public CallWebhook(URI target, String publicUrl, String authToken) {
		this.target = target;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.signer = new TwilioSigner(authToken);
	}

	/** The form Twilio posts when a call to {@code to} rings. */
	public static Map<String, String> incomingCall(String callSid, String from, String to) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("AccountSid", ACCOUNT_SID);
		form.put("ApiVersion", "2010-04-01");
		form.put("CallSid", callSid);
		form.put("CallStatus", "ringing");
		form.put("Called", to);
		form.put("Caller", from);
		form.put("Direction", "inbound");
		form.put("From", from);
		form.put("To", to);
		return form;
	}

	/**
	 * Posts the signed form to the voice webhook and answers its TwiML; any other answer
	 * is an exception.
	 */
	public Twiml answer(Map<String, String> form) throws IOException, InterruptedException {
		HttpResponse<String> response = post("/voice/voice", form, sign("/voice/voice", form));
		if (response.statusCode() != 200) {
			throw new IOException("The voice webhook answered " + response.statusCode() + ": " + response.body());
		}
		return Twiml.parse(response.body());
	}

	/**
	 * The signature Twilio sends for this form posted to the public URL plus
	 * {@code path}.
	 */
	public String sign(String path, Map<String, String> form) {
		return this.signer.sign(this.publicUrl + path, form);
	}

	/** Posts a form to {@code path} on the target, with the given signature or none. */
	public HttpResponse<String> post(String path, Map<String, String> form, String signature)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(this.target.resolve(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("X-Twilio-Signature", signature);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Where to open a stream the TwiML names: its path and query, on the target. */
	public URI streamOnTarget(URI streamUrl) {
		String scheme = this.target.getScheme().equals("https") ? "wss" : "ws";
		String query = (streamUrl.getRawQuery() == null) ? "" : "?" + streamUrl.getRawQuery();
		return URI.create(scheme + "://" + this.target.getRawAuthority() + streamUrl.getRawPath() + query);
	}

}
