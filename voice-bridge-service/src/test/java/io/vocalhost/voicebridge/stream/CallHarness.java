package io.vocalhost.voicebridge.stream;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.twilio.TwilioWebhookClient;

import org.springframework.test.context.DynamicPropertyRegistry;

import static io.vocalhost.voicebridge.relay.MediaStreamFrames.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Places calls on a bridge the way Twilio does (the signed webhook, then the media stream
 * the TwiML names), against a Realtime stand-in, with Twilio echoing marks as it plays.
 */
final class CallHarness {

	static final String PUBLIC_URL = "https://voice.example.com";

	static final String AUTH_TOKEN = "test-twilio-token";

	private static final Pattern STREAM = Pattern.compile(
			"<Stream url=\"wss://voice\\.example\\.com/ws/call/([0-9a-f-]+)\"><Parameter name=\"token\" value=\"([^\"]+)\"");

	private final Assistants assistants;

	private final RealtimeStandIn realtime;

	/**
	 * The settings of a bridge that believes it is reached at {@link #PUBLIC_URL}, talks
	 * to the Realtime stand-in and ends calls through the Twilio REST stand-in.
	 */
	static void configure(DynamicPropertyRegistry registry, RealtimeStandIn realtime, TwilioRestStandIn twilioRest) {
		registry.add("vocalhost.public-url", () -> PUBLIC_URL);
		registry.add("vocalhost.voice.twilio-auth-token", () -> AUTH_TOKEN);
		registry.add("vocalhost.voice.twilio-account-sid", () -> TwilioRestStandIn.ACCOUNT_SID);
		registry.add("vocalhost.voice.twilio-api-base", twilioRest::baseUrl);
		registry.add("vocalhost.voice.openai-api-key", () -> "sk-test");
		registry.add("vocalhost.voice.realtime-url", realtime::url);
		// Every call of these tests belongs to one owner on the free plan.
		registry.add("vocalhost.plans.free.concurrent-calls", () -> "100");
	}

	CallHarness(Assistants assistants, RealtimeStandIn realtime) {
		this.assistants = assistants;
		this.realtime = realtime;
	}

	/**
	 * A call placed by {@link #dial}; its upstream sockets are the stand-in's next
	 * connections (calls are placed one after the other).
	 */
	static final class Call {

		final String callId;

		final String callSid;

		final String streamSid;

		final TwilioStreamClient twilio;

		private final RealtimeStandIn realtime;

		private final int firstConnection;

		private Call(String callId, String callSid, TwilioStreamClient twilio, RealtimeStandIn realtime) {
			this.callId = callId;
			this.callSid = callSid;
			this.streamSid = "MZ" + callSid.substring(2);
			this.twilio = twilio;
			this.realtime = realtime;
			this.firstConnection = realtime.connections.size();
		}

		/** The call's upstream socket: 0 the first, 1 after a reconnect. */
		RealtimeStandIn.Connection upstream(int attempt) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.realtime.connections.size() > this.firstConnection + attempt);
			return this.realtime.connections.get(this.firstConnection + attempt);
		}

		RealtimeStandIn.Connection upstream() {
			return upstream(0);
		}

	}

	/** An active assistant's number; {@code businessPhone} may be {@code null}. */
	String assistant(String businessPhone) {
		return assistant(businessPhone,
				List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))));
	}

	/** An active assistant's number, the business open at those hours. */
	String assistant(String businessPhone, List<OpeningHours> hours) {
		String number = "+1555" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
		this.assistants.apply(new AssistantSnapshot(ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L), 7,
				"Ava", "Bella's Bistro", "Italian food", "Europe/Paris", hours, 30, "female", "Hello, Bella's Bistro!",
				businessPhone, number, "active"), Instant.now());
		return number;
	}

	/** Calls {@code number} on the bridge at {@code port} and waits for the greeting. */
	Call call(int port, String number) throws Exception {
		Call call = dial(port, number);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> call.twilio.events("media").size() == RealtimeStandIn.GREETING_CHUNKS);
		return call;
	}

	/** Calls {@code number} and starts the stream, without waiting for the upstream. */
	Call dial(int port, String number) throws Exception {
		String callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
		HttpResponse<String> answer = new TwilioWebhookClient(port, PUBLIC_URL, AUTH_TOKEN).signedPost("/voice/voice",
				TwilioWebhookClient.incomingCall(callSid, number));
		Matcher stream = STREAM.matcher(answer.body());
		assertThat(stream.find()).as(answer.body()).isTrue();
		TwilioStreamClient twilio = new TwilioStreamClient(
				URI.create("ws://localhost:" + port + "/ws/call/" + stream.group(1)));
		twilio.acknowledgeMarks = true;
		Call call = new Call(stream.group(1), callSid, twilio, this.realtime);
		twilio.send(start(call.streamSid, stream.group(2)));
		return call;
	}

}
