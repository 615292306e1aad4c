package io.vocalhost.voicebridge.stream;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * Twilio's REST API (2010-04-01) as far as a live call's update goes: {@code POST
 * /Accounts/{sid}/Calls/{callSid}.json} with the form field {@code Twiml}, HTTP Basic
 * with the account SID and auth token, the call resource as JSON in return or Twilio's
 * error body.
 */
final class TwilioRestStandIn {

	static final String ACCOUNT_SID = "AC00000000000000000000000000000001";

	private static final Pattern CALL = Pattern
		.compile("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Calls/([^/]+)\\.json");

	/** A call's update as Twilio received it. */
	record Update(String callSid, String twiml) {
	}

	final List<Update> updates = new CopyOnWriteArrayList<>();

	/** An HTTP status other than 200 makes every update fail with Twilio's error body. */
	volatile int status = 200;

	private final String authToken;

	private final DisposableServer server;

	TwilioRestStandIn(String authToken) {
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

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	List<Update> updatesOf(String callSid) {
		return this.updates.stream().filter((update) -> update.callSid().equals(callSid)).toList();
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
