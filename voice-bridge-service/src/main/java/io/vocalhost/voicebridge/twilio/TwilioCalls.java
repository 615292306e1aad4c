package io.vocalhost.voicebridge.twilio;

import java.time.Duration;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import io.vocalhost.common.twilio.TwilioRestClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Live calls given new TwiML through Twilio's REST API. This is how the bridge ends or
 * redirects a call on purpose: closing the media stream instead would make Twilio run the
 * fallback verbs after {@code <Connect>}.
 */
public final class TwilioCalls {

	private static final Logger log = LoggerFactory.getLogger(TwilioCalls.class);

	/** The SDK retries on its own; the call ends even if Twilio does not answer. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TwilioRestClient client;

	/**
	 * @param client {@code null} when the account is not configured: nothing is sent and
	 * the stream's own fallback verbs are left to run
	 */
	TwilioCalls(TwilioRestClient client) {
		this.client = client;
	}

	public static TwilioCalls create(String accountSid, String authToken, String apiBase) {
		boolean configured = !accountSid.isBlank() && authToken != null && !authToken.isBlank();
		return new TwilioCalls(configured ? TwilioRestClients.create(accountSid, authToken, apiBase) : null);
	}

	public boolean configured() {
		return this.client != null;
	}

	/**
	 * Replaces what the call is doing with {@code twiml}, off the caller's thread.
	 * Completes empty in every case: a failure is logged, never passed on.
	 */
	public Mono<Void> redirect(String callSid, String twiml) {
		if (this.client == null) {
			return Mono.empty();
		}
		return Mono.fromRunnable(() -> Call.updater(callSid).setTwiml(twiml).update(this.client))
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(TIMEOUT)
			.onErrorResume((ex) -> {
				log.warn("Call {}: Twilio did not take the new TwiML: {}", callSid, ex.toString());
				return Mono.empty();
			})
			.then();
	}

}
