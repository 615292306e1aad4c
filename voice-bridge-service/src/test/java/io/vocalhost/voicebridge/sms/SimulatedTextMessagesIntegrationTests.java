package io.vocalhost.voicebridge.sms;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.voicebridge.assistant.Assistants;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Without a Twilio account a confirmation is kept as {@code simulated}, never sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SimulatedTextMessagesIntegrationTests {

	@Autowired
	private Assistants assistants;

	@Autowired
	private TextMessages messages;

	@Test
	void aConfirmationWithoutTwilioIsStoredAsSimulatedWithTheTextThatWouldHaveBeenSent() {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String number = "+1555" + (1_000_000 + assistantId % 9_000_000);
		String customer = "+1557" + (1_000_000 + assistantId % 9_000_000);
		this.assistants
			.apply(new AssistantSnapshot(assistantId, 7, "Ava", "Bella's", "Italian food", "America/New_York",
					List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30, "female",
					"Hello!", "+15550009999", number, "active"), Instant.parse("2026-12-01T10:00:00Z"));

		BookingConfirmationsIntegrationTests.publish(new BookingCreated(UUID.randomUUID(), Instant.now(), 43,
				assistantId, "Jon", customer, Instant.parse("2027-01-14T15:00:00Z"),
				Instant.parse("2027-01-14T15:30:00Z"), "America/New_York", null, "dashboard"));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.messages.exchangedWith(assistantId, customer)).singleElement()
				.satisfies((message) -> {
					assertThat(message.status()).isEqualTo("simulated");
					assertThat(message.body())
						.isEqualTo("Bella's: your appointment is confirmed for Thu 14 Jan at 10:00.");
					assertThat(message.from()).isEqualTo(number);
					assertThat(message.twilioSid()).isNull();
				}));
	}

}
