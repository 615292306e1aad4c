package io.vocalhost.voicebridge.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.vocalhost.testsupport.RealInfrastructureInitializer;
import io.vocalhost.voicebridge.VoiceBridgeServiceApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.vocalhost.voicebridge.relay.MediaStreamFrames.media;
import static io.vocalhost.voicebridge.relay.MediaStreamFrames.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridge instances on one database; one of them is shut down as on SIGTERM while it
 * carries live calls: it turns not-ready at once, its calls run on until they end or the
 * drain timeout, then the rest are ended politely ({@code DRAINED}) before it stops. The
 * other instance stays ready.
 */
class CallDrainIntegrationTests extends StandInCallTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aDrainingInstanceTurnsNotReadyLetsItsCallsRunOnThenEndsThemPolitely() throws Exception {
		ConfigurableApplicationContext draining = new SpringApplicationBuilder(VoiceBridgeServiceApplication.class)
			.initializers(new RealInfrastructureInitializer())
			.run("--server.port=0", "--vocalhost.public-url=" + CallHarness.PUBLIC_URL,
					"--vocalhost.voice.twilio-auth-token=" + CallHarness.AUTH_TOKEN,
					"--vocalhost.voice.twilio-account-sid=" + TwilioRestStandIn.ACCOUNT_SID,
					"--vocalhost.voice.twilio-api-base=" + twilioRest.baseUrl(),
					"--vocalhost.voice.openai-api-key=sk-test", "--vocalhost.voice.realtime-url=" + realtime.url(),
					"--vocalhost.voice.drain-timeout=3s", "--vocalhost.voice.goodbye-timeout=3s",
					"--vocalhost.plans.free.concurrent-calls=100");
		try {
			int drainingPort = Integer.parseInt(draining.getEnvironment().getProperty("local.server.port"));
			CallHarness harness = harness();
			String number = harness.assistant(null);
			CallHarness.Call endsByItself = harness.call(drainingPort, number);
			CallHarness.Call drained = harness.call(drainingPort, number);
			assertThat(readiness(drainingPort)).isEqualTo(200);

			CompletableFuture<Void> shutdown = CompletableFuture.runAsync(draining::close);
			await().atMost(Duration.ofSeconds(10)).until(() -> readiness(drainingPort) == 503);
			assertThat(readiness(this.port)).isEqualTo(200);
			drained.twilio.send(media(drained.streamSid, payload(7)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> drained.upstream().frames.stream()
					.anyMatch((frame) -> payload(7).equals(frame.path("audio").asString())));
			endsByItself.twilio.send("{\"event\":\"stop\",\"streamSid\":\"" + endsByItself.streamSid
					+ "\",\"stop\":{\"callSid\":\"CA1\"}}");
			await().atMost(Duration.ofSeconds(10)).until(() -> endsByItself.twilio.closed);
			assertThat(drained.upstream().responseInstructions()).as("not ended before the drain timeout").hasSize(1);
			assertThat(shutdown).isNotDone();

			await().atMost(Duration.ofSeconds(20)).until(shutdown::isDone);
			assertThat(drained.upstream().responseInstructions()).last().asString().contains("close now");
			assertThat(drained.twilio.closed).isTrue();
			assertThat(twilioRest.updatesOf(drained.callSid)).singleElement()
				.satisfies((update) -> assertThat(update.twiml()).contains("<Hangup/>"));
			assertThat(twilioRest.updatesOf(endsByItself.callSid)).isEmpty();
			assertThat(endReason(drained)).isEqualTo("DRAINED");
			assertThat(endReason(endsByItself)).isEqualTo("CALLER_HUNG_UP");
			assertThat(readiness(this.port)).isEqualTo(200);
		}
		finally {
			draining.close();
		}
	}

	private static int readiness(int port) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

}
