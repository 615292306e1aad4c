package io.vocalhost.common.twilio;

import java.net.URI;

import com.twilio.http.TwilioRestClient;

/** Twilio REST clients of the official SDK, optionally pointed at another base URL. */
public final class TwilioRestClients {

	private TwilioRestClients() {
	}

	/**
	 * @param apiBase empty for Twilio itself; a base URL sends every request there
	 * (tests, egress proxies)
	 */
	public static TwilioRestClient create(String accountSid, String authToken, String apiBase) {
		TwilioRestClient.Builder builder = new TwilioRestClient.Builder(accountSid, authToken);
		if (apiBase != null && !apiBase.isBlank()) {
			builder.httpClient(new RedirectingTwilioHttpClient(URI.create(apiBase)));
		}
		return builder.build();
	}

}
