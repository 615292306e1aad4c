package io.vocalhost.voicebridge.stream;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * Twilio's REST API (2010-04-01) as far as a live call's update and a text message go:
 * {@code POST /Accounts/{sid}/Calls/{callSid}.json} with the form field {@code Twiml},
 * {@code POST /Accounts/{sid}/Messages.json} with {@code To}, {@code From} and
 * {@code Body}, HTTP Basic with the account SID and auth token, the resource as JSON in
 * return or Twilio's error body.
 */
public final class TwilioRestStandIn {

	public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";

	private static final Pattern CALL = Pattern
		.compile("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/([^/]+)\\.json");

	private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	/** A call's update as Twilio received it. */
	record Update(String callSid, String twiml) {
	}

	/** A text message as Twilio received it, and the SID it was given. */
	public record Sms(String sid, String to, String from, String body, String statusCallback) {
	}

	final List<Update> updates = new CopyOnWriteArrayList<>();

	public final List<Sms> messages = new CopyOnWriteArrayList<>();

	/** An HTTP status other than 200 makes every update fail with Twilio's error body. */
	volatile int status = 200;

	/**
	 * A Twilio error code refuses every message with it (400), e.g. 21610 for a recipient
	 * who replied STOP; {@code 0} takes them.
	 */
	public volatile int messageErrorCode;

	private final String authToken;

	private final DisposableServer server;

	public TwilioRestStandIn(String authToken) {
		this.authToken = authToken;
		// Its own event loops: a bridge context closing disposes Reactor Netty's global
		// ones.
		this.server = HttpServer.create()
			.runOn(LoopResources.create("twilio-rest-stand-in"))
			.host("127.0.0.1")
			.port(0)
			.handle((request,
					response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
						Matcher call = CALL.matcher(request.uri());
						String expected = "Basic " + Base64.getEncoder()
							.encodeToString((ACCOUNT_SID + ":" + this.authToken).getBytes(StandardCharsets.UTF_8));
						if (!expected.equals(request.requestHeaders().get("Authorization"))) {
							return respond(response, 401, error(20003, "Authenticate", 401));
						}
						if (request.method().name().equals("POST") && request.uri().equals(MESSAGES)) {
							return message(response, body);
						}
						if (!request.method().name().equals("POST") || !call.matches()) {
							return respond(response, 404, error(20404, "The requested resource was not found", 404));
						}
						this.updates.add(new Update(call.group(1), field(body, "Twiml")));
						if (this.status != 200) {
							return respond(response, this.status, error(21220, "Call is not in-progress", this.status));
						}
						return respond(response, 200, "{\"sid\":\"" + call.group(1) + "\",\"account_sid\":\""
								+ ACCOUNT_SID + "\",\"status\":\"in-progress\",\"api_version\":\"2010-04-01\"}");
					}).then())
			.bindNow();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	List<Update> updatesOf(String callSid) {
		return this.updates.stream().filter((update) -> update.callSid().equals(callSid)).toList();
	}

	private Mono<Void> message(HttpServerResponse response, String form) {
		if (this.messageErrorCode != 0) {
			return respond(response, 400, error(this.messageErrorCode, "Message refused", 400));
		}
		Sms sms = new Sms("SM" + UUID.randomUUID().toString().replace("-", ""), field(form, "To"), field(form, "From"),
				field(form, "Body"), field(form, "StatusCallback"));
		this.messages.add(sms);
		return respond(response, 201,
				"{\"sid\":\"" + sms.sid() + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"to\":\"" + sms.to()
						+ "\",\"from\":\"" + sms.from() + "\",\"status\":\"queued\",\"direction\":\"outbound-api\","
						+ "\"num_segments\":\"1\",\"api_version\":\"2010-04-01\","
						+ "\"date_created\":\"Fri, 04 Dec 2026 10:00:00 +0000\"}");
	}

	private static Mono<Void> respond(HttpServerResponse response, int status, String body) {
		return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

	private static String field(String form, String name) {
		for (String pair : form.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts.length == 2 && URLDecoder.decode(parts[0], StandardCharsets.UTF_8).equals(name)) {
				return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	private static String error(int code, String message, int status) {
		return "{\"code\":" + code + ",\"message\":\"" + message
				+ "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
	}

}
