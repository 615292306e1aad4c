package io.vocalhost.common.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Sends the Twilio SDK's requests, unchanged but for scheme and host, to another base
 * URL. The SDK has no base-URL setting; this is how tests put a stand-in of Twilio's REST
 * API behind the production adapter.
 */
class RedirectingTwilioHttpClient extends com.twilio.http.HttpClient {

	private final URI base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	RedirectingTwilioHttpClient(URI base) {
		this.base = base;
	}

	@Override
	public Response makeRequest(Request request) {
		URI original = URI.create(request.constructURL().toString());
		URI target = this.base
			.resolve(original.getRawPath() + ((original.getRawQuery() != null) ? "?" + original.getRawQuery() : ""));
		HttpRequest.Builder builder = HttpRequest.newBuilder(target)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", request.getAuthString())
			.header("Accept", "application/json");
		String form = request.encodeFormBody();
		if (request.getMethod() == HttpMethod.POST) {
			builder.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form));
		}
		else {
			builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.body(), response.statusCode());
		}
		catch (IOException ex) {
			throw new ApiConnectionException("Twilio stand-in not reachable: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiConnectionException("Interrupted", ex);
		}
	}

}
