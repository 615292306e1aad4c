package io.vocalhost.voicebridge.sms;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vocalhost.common.events.EventCatalog;
import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.booking.BookingCancelled;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.common.events.booking.BookingRescheduled;
import io.vocalhost.testsupport.KafkaEvents;
import io.vocalhost.testsupport.RealInfrastructure;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.sms.TextMessages.StoredMessage;
import io.vocalhost.voicebridge.stream.TwilioRestStandIn;
import io.vocalhost.voicebridge.stream.TwilioRestStandIn.Sms;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Booking events on the real Kafka become one text message each, sent through Twilio's
 * Messages API (a stand-in at its wire protocol) from the assistant's number, with the
 * time in the business's zone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class BookingConfirmationsIntegrationTests {

	private static final String AUTH_TOKEN = "test-twilio-token";

	private static final TwilioRestStandIn twilio = new TwilioRestStandIn(AUTH_TOKEN);

	@DynamicPropertySource
	static void twilio(DynamicPropertyRegistry registry) {
		registry.add("vocalhost.voice.twilio-auth-token", () -> AUTH_TOKEN);
		registry.add("vocalhost.voice.twilio-account-sid", () -> TwilioRestStandIn.ACCOUNT_SID);
		registry.add("vocalhost.voice.twilio-api-base", twilio::baseUrl);
	}

	@Autowired
	private Assistants assistants;

	@Autowired
	private TextMessages messages;

	@Test
	void eachBookingChangeTextsTheCustomerOnceFromTheAssistantsNumberInTheBusinessZone() {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String number = "+1555" + (1_000_000 + assistantId % 9_000_000);
		String customer = "+1555" + (1_000_000 + (assistantId + 1) % 9_000_000);
		this.assistants.apply(snapshot(assistantId, number), Instant.parse("2026-12-01T10:00:00Z"));

		// 09:00 UTC is 10:00 in Paris in January.
		BookingCreated created = new BookingCreated(UUID.randomUUID(), Instant.now(), 41, assistantId, "Jon", customer,
				Instant.parse("2027-01-14T09:00:00Z"), Instant.parse("2027-01-14T09:30:00Z"), "Europe/Paris", null,
				"dashboard");
		publish(created);
		publish(created);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentTo(customer)).hasSize(1));
		Sms confirmation = sentTo(customer).get(0);
		assertThat(confirmation.from()).isEqualTo(number);
		assertThat(confirmation.body())
			.isEqualTo("Smile Dental: your appointment is confirmed for Thu 14 Jan at 10:00.");

		publish(new BookingRescheduled(UUID.randomUUID(), Instant.now(), 41, assistantId, customer, created.start(),
				created.end(), Instant.parse("2027-07-02T13:30:00Z"), Instant.parse("2027-07-02T14:00:00Z"),
				"Europe/Paris"));
		BookingCancelled cancelled = new BookingCancelled(UUID.randomUUID(), Instant.now(), 41, assistantId, customer,
				Instant.parse("2027-07-02T13:30:00Z"), Instant.parse("2027-07-02T14:00:00Z"), "Europe/Paris",
				"customer");
		publish(cancelled);
		publish(cancelled);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentTo(customer)).hasSize(3));
		// Summer time: 13:30 UTC is 15:30 in Paris.
		assertThat(sentTo(customer)).extracting(Sms::body)
			.containsExactly("Smile Dental: your appointment is confirmed for Thu 14 Jan at 10:00.",
					"Smile Dental: your appointment has moved to Fri 2 Jul at 15:30.",
					"Smile Dental: your appointment on Fri 2 Jul at 15:30 is cancelled.");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.messages.exchangedWith(assistantId, customer))
				.extracting(StoredMessage::status)
				.containsExactly("queued", "queued", "queued"));
		List<StoredMessage> stored = this.messages.exchangedWith(assistantId, customer);
		assertThat(stored).extracting(StoredMessage::kind).containsExactly("booked", "rescheduled", "cancelled");
		assertThat(stored).extracting(StoredMessage::twilioSid)
			.containsExactlyElementsOf(sentTo(customer).stream().map(Sms::sid).toList());
		assertThat(stored).allSatisfy((message) -> {
			assertThat(message.direction()).isEqualTo("outbound");
			assertThat(message.from()).isEqualTo(number);
			assertThat(message.to()).isEqualTo(customer);
		});
		assertThat(stored).extracting(StoredMessage::threadId).containsOnly(stored.get(0).threadId());
	}

	@Test
	void aMessageTwilioRefusesIsStoredAsFailedWithTwilioErrorCode() {
		long assistantId = ThreadLocalRandom.current().nextLong(1, 1_000_000_000_000L);
		String number = "+1555" + (1_000_000 + assistantId % 9_000_000);
		String customer = "+1556" + (1_000_000 + assistantId % 9_000_000);
		this.assistants.apply(snapshot(assistantId, number), Instant.parse("2026-12-01T10:00:00Z"));
		twilio.messageErrorCode = 21610;
		try {
			publish(new BookingCreated(UUID.randomUUID(), Instant.now(), 42, assistantId, "Mia", customer,
					Instant.parse("2027-01-14T09:00:00Z"), Instant.parse("2027-01-14T09:30:00Z"), "Europe/Paris", null,
					"call"));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(this.messages.exchangedWith(assistantId, customer)).singleElement()
					.satisfies((message) -> {
						assertThat(message.status()).isEqualTo("failed");
						assertThat(message.errorCode()).isEqualTo(21610);
						assertThat(message.twilioSid()).isNull();
					}));
		}
		finally {
			twilio.messageErrorCode = 0;
		}
		assertThat(sentTo(customer)).isEmpty();
	}

	private static List<Sms> sentTo(String phone) {
		return twilio.messages.stream().filter((sms) -> sms.to().equals(phone)).toList();
	}

	private static AssistantSnapshot snapshot(long id, String number) {
		return new AssistantSnapshot(id, 7, "Ava", "Smile Dental", "Dentist", "Europe/Paris",
				List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))), 30, "female",
				"Hello!", "+15550009999", number, "active");
	}

	static void publish(Object event) {
		KafkaEvents.publish(Topics.BOOKING_EVENTS, "booking", event, EventCatalog.kafkaTypeMappings());
	}

}
