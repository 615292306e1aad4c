package io.vocalhost.common.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.user.UserRegistered;
import io.vocalhost.common.testapp.Notes;
import io.vocalhost.common.testapp.TestApplication;
import io.vocalhost.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from a request, through the outbox and the real Kafka broker, into the log
 * line of the consumer: the request comes with a W3C {@code traceparent} as the gateway
 * (or any caller) sends it; the service commits a row and its event; Spring Modulith
 * sends the event after the commit on another thread; the listener logs while handling
 * it. That log line carries the request's trace id.
 */
@SpringBootTest(classes = { TestApplication.class, TracePropagationIntegrationTests.TracedPublisherAndConsumer.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "vocalhost.security.public-paths=/probe/**")
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class TracePropagationIntegrationTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@LocalServerPort
	int port;

	@Test
	void theConsumersLogLineCarriesTheTraceIdOfTheRequestThatPublishedTheEvent(CapturedOutput output) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/probe/notes?text=traced"))
				.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String eventId = response.body();

		String line = await().atMost(Duration.ofSeconds(60))
			.until(() -> output.getOut()
				.lines()
				.filter((candidate) -> candidate.contains("Consumed user-registered " + eventId))
				.findFirst()
				.orElse(null), (found) -> found != null);
		assertThat(line).contains(TRACE_ID);
	}

	@TestConfiguration
	static class TracedPublisherAndConsumer {

		@Bean
		NotesEndpoint notesEndpoint(Notes notes) {
			return new NotesEndpoint(notes);
		}

		@Bean
		UserEventsLog userEventsLog() {
			return new UserEventsLog();
		}

	}

	@RestController
	static class NotesEndpoint {

		private final Notes notes;

		NotesEndpoint(Notes notes) {
			this.notes = notes;
		}

		@PostMapping("/probe/notes")
		String write(@RequestParam String text) {
			return this.notes.write(404, text, false).eventId().toString();
		}

	}

	static class UserEventsLog {

		private static final Logger log = LoggerFactory.getLogger(UserEventsLog.class);

		@KafkaListener(topics = Topics.USER_EVENTS, groupId = "trace-propagation-test")
		void consume(UserRegistered event) {
			log.info("Consumed user-registered {}", event.eventId());
		}

	}

}
