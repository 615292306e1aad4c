package io.vocalhost.voicebridge.stream;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.vocalhost.callsim.CallSimulator;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.twilio.TwilioWebhookClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Without an OpenAI key the bridge starts and answers every call with the fallback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "vocalhost.voice.twilio-auth-token=test-twilio-token", "vocalhost.voice.openai-api-key=",
				"vocalhost.public-url=http://localhost:5001" })
@RealInfrastructure
class VoiceWithoutAiIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Assistants assistants;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anActiveAssistantsCallGetsTheFallbackAndIsRecordedAsAiUnavailable() throws Exception {
		String number = activeAssistant();
		String callSid = "CA" + UUID.randomUUID();
		HttpResponse<String> answer = new TwilioWebhookClient(this.port, "http://localhost:5001", "test-twilio-token")
			.signedPost("/voice/voice", TwilioWebhookClient.incomingCall(callSid, number));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("<Say>", "<Dial>+15550004444</Dial>").doesNotContain("<Connect");
		assertThat(this.jdbc.sql("SELECT end_reason FROM call WHERE call_sid = ?")
			.param(callSid)
			.query(String.class)
			.single()).isEqualTo("AI_UNAVAILABLE");
	}

	@Test
	void theCallSimulatorPrintsTheFallback(@TempDir Path folder) throws Exception {
		String number = activeAssistant();
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		int exitCode = new CallSimulator(new CallSimulator.Options(URI.create("http://localhost:" + this.port),
				"http://localhost:5001", "test-twilio-token", "+15557654321", number, null, folder.resolve("reply.wav"),
				Duration.ofSeconds(2)), new PrintStream(printed, true, StandardCharsets.UTF_8))
			.run();
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(exitCode).isZero();
		assertThat(output).contains("without a stream (the fallback)", "  Say: ", "  Dial: +15550004444")
			.doesNotContain("Stream open");
		assertThat(folder.resolve("reply.wav")).doesNotExist();
	}

	private String activeAssistant() {
		String number = "+1666" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 10_000_000_000L);
		this.assistants.apply(new AssistantSnapshot(Math.abs(UUID.randomUUID().getMostSignificantBits()), 7, "Ava",
				"Bella's Bistro", null, "Europe/Paris",
				List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30, "male", null,
				"+15550004444", number, "active"), Instant.now());
		return number;
	}

}
