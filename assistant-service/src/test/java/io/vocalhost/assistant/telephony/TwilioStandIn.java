package io.vocalhost.assistant.telephony;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Twilio's REST API (2010-04-01) at its wire format: form posts in, JSON
 * out, HTTP Basic with the account SID and auth token, Twilio's error bodies. Enough of
 * it to search, buy, look up and release numbers.
 */
final class TwilioStandIn implements AutoCloseable {

	static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	static final String AUTH_TOKEN = "stand-in-auth-token";

	private final HttpServer server;

	private final AtomicInteger sids = new AtomicInteger();

	/** Numbers offered by the next search, in order. */
	final List<String> available = Collections.synchronizedList(new ArrayList<>());

	/** Bought numbers by SID. */
	final Map<String, String> owned = new ConcurrentHashMap<>();

	/** Every request as "METHOD path form-or-query". */
	final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	volatile String purchaseError;

	TwilioStandIn() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/2010-04-01/Accounts/" + ACCOUNT_SID, this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath().substring(("/2010-04-01/Accounts/" + ACCOUNT_SID).length());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String query = exchange.getRequestURI().getRawQuery();
		this.requests.add(method + " " + path + " " + (body.isEmpty() ? ((query != null) ? query : "") : body));
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			respond(exchange, 401, error(20003, "Authenticate", 401));
			return;
		}
		if (method.equals("GET") && path.startsWith("/AvailablePhoneNumbers/US/Local.json")) {
			List<String> offered = this.available.isEmpty() ? List.of() : List.of(this.available.remove(0));
			respond(exchange, 200,
					page("available_phone_numbers",
							offered.stream()
								.map((number) -> "{\"phone_number\":\"" + number + "\",\"friendly_name\":\"" + number
										+ "\",\"iso_country\":\"US\",\"capabilities\":{\"voice\":true,\"SMS\":true}}")
								.toList()));
		}
		else if (method.equals("POST") && path.equals("/IncomingPhoneNumbers.json")) {
			if (this.purchaseError != null) {
				respond(exchange, 400, error(21422, this.purchaseError, 400));
				return;
			}
			String number = form(body).get("PhoneNumber");
			String sid = "PN" + String.format("%032d", this.sids.incrementAndGet());
			this.owned.put(sid, number);
			respond(exchange, 201, incoming(sid, number));
		}
		else if (method.equals("GET") && path.equals("/IncomingPhoneNumbers.json")) {
			String wanted = form((query != null) ? query : "").get("PhoneNumber");
			respond(exchange, 200,
					page("incoming_phone_numbers",
							this.owned.entrySet()
								.stream()
								.filter((entry) -> entry.getValue().equals(wanted))
								.map((entry) -> incoming(entry.getKey(), entry.getValue()))
								.toList()));
		}
		else if (method.equals("DELETE") && path.startsWith("/IncomingPhoneNumbers/")) {
			String sid = path.substring("/IncomingPhoneNumbers/".length()).replace(".json", "");
			boolean existed = this.owned.remove(sid) != null;
			respond(exchange, existed ? 204 : 404, existed ? "" : error(20404, "Not found", 404));
		}
		else {
			respond(exchange, 404, error(20404, "The requested resource was not found", 404));
		}
	}

	private static String incoming(String sid, String number) {
		return "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT_SID + "\",\"phone_number\":\"" + number
				+ "\",\"friendly_name\":\"" + number + "\"}";
	}

	private static String page(String key, List<String> records) {
		return "{\"" + key + "\":[" + String.join(",", records) + "],\"end\":" + Math.max(0, records.size() - 1)
				+ ",\"first_page_uri\":\"/\",\"next_page_uri\":null,\"page\":0,\"page_size\":50,"
				+ "\"previous_page_uri\":null,\"start\":0,\"uri\":\"/\"}";
	}

	private static String error(int code, String message, int status) {
		return "{\"code\":" + code + ",\"message\":\"" + message
				+ "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}";
	}

	static Map<String, String> form(String encoded) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			if (!pair.isEmpty()) {
				String[] parts = pair.split("=", 2);
				form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return form;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (status == 204) ? -1 : bytes.length);
		if (status != 204) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
