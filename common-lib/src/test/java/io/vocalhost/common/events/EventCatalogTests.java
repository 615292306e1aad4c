package io.vocalhost.common.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.events.assistant.AssistantUpdated;
import io.vocalhost.common.events.billing.CustomerCreated;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.common.events.booking.BookingCancelled;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.common.events.booking.BookingRescheduled;
import io.vocalhost.common.events.call.CallCompleted;
import io.vocalhost.common.events.call.CallEndReason;
import io.vocalhost.common.events.call.CallStarted;
import io.vocalhost.common.events.session.SessionRevoked;
import io.vocalhost.common.events.user.UserRegistered;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.modulith.events.Externalized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventCatalogTests {

	private static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");

	private static final AssistantSnapshot SNAPSHOT = new AssistantSnapshot(7, 3, "Ava", "Bella Salon",
			"Hair and nails", "Europe/Berlin",
			List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
					new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 30))),
			30, "female", "Hello, Bella Salon", "+4930123456", "+15005550006", "active");

	static List<DomainEvent> everyEvent() {
		return List.of(new UserRegistered(UUID.randomUUID(), NOW, 3, "Ann Lee", "ann@example.com"),
				new AssistantCreated(UUID.randomUUID(), NOW, SNAPSHOT),
				new AssistantUpdated(UUID.randomUUID(), NOW, SNAPSHOT),
				new AssistantDeleted(UUID.randomUUID(), NOW, 7, 3, "+15005550006"),
				new BookingCreated(UUID.randomUUID(), NOW, 11, 7, "Bob", "+4917612345678", NOW.plus(1, ChronoUnit.DAYS),
						NOW.plus(1, ChronoUnit.DAYS).plus(30, ChronoUnit.MINUTES), "Europe/Berlin", "Haircut", "call"),
				new BookingCancelled(UUID.randomUUID(), NOW, 11, 7, "+4917612345678", NOW, NOW.plusSeconds(1800),
						"Europe/Berlin", "customer"),
				new BookingRescheduled(UUID.randomUUID(), NOW, 11, 7, "+4917612345678", NOW, NOW.plusSeconds(1800),
						NOW.plusSeconds(3600), NOW.plusSeconds(5400), "Europe/Berlin"),
				new SubscriptionChanged(UUID.randomUUID(), NOW, 3, "sub_123", "pro", "active",
						NOW.plus(30, ChronoUnit.DAYS)),
				new PaymentFailed(UUID.randomUUID(), NOW, 3, "sub_123", "in_456", 2900, "usd", 2),
				new CustomerCreated(UUID.randomUUID(), NOW, 3, "cus_123"),
				new CallStarted(UUID.randomUUID(), NOW, UUID.randomUUID(), "CA123", 7, 3, "+4917612345678",
						"+15005550006"),
				new CallCompleted(UUID.randomUUID(), NOW, UUID.randomUUID(), "CA123", 7, 3, NOW, NOW.plusSeconds(95),
						95, CallEndReason.TRANSFERRED),
				new SessionRevoked(UUID.randomUUID(), NOW, UUID.randomUUID(), 3, NOW.plusSeconds(300), "logout"));
	}

	@Test
	void everyEventIsCatalogedOnceWithItsOwnTypeAndAKnownTopic() {
		assertThat(everyEvent()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(EventCatalog.EVENTS);
		Set<String> types = new HashSet<>();
		for (Class<? extends DomainEvent> event : EventCatalog.EVENTS) {
			assertThat(types.add(EventCatalog.typeOf(event))).as("unique type of %s", event).isTrue();
			assertThat(EventCatalog.typeOf(event)).matches("[a-z]+(-[a-z]+)+");
			assertThat(Topics.ALL).contains(EventCatalog.topicOf(event));
			assertThat(EventCatalog.classOf(EventCatalog.typeOf(event))).isEqualTo(event);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> EventCatalog.classOf("no-such-event"));
	}

	@ParameterizedTest
	@MethodSource("everyEvent")
	void travelsOverKafkaUnderItsStableTypeNameAndComesBackEqual(DomainEvent event) {
		Map<String, Object> config = Map.of("spring.json.type.mapping", EventCatalog.kafkaTypeMappings(),
				"spring.json.trusted.packages", "io.vocalhost.common.events.*");
		try (JacksonJsonSerializer<Object> serializer = new JacksonJsonSerializer<>();
				JacksonJsonDeserializer<Object> deserializer = new JacksonJsonDeserializer<>()) {
			serializer.configure(config, false);
			deserializer.configure(config, false);
			RecordHeaders headers = new RecordHeaders();
			byte[] json = serializer.serialize("topic", headers, event);

			assertThat(new String(headers.lastHeader("__TypeId__").value()))
				.isEqualTo(EventCatalog.typeOf(event.getClass()));
			assertThat(new String(json)).contains("\"eventId\":\"" + event.eventId() + "\"")
				.contains("\"occurredAt\":\"2026-03-29T00:30:00Z\"")
				.doesNotContain("io.vocalhost");
			assertThat(deserializer.deserialize("topic", headers, json)).isEqualTo(event);
		}
	}

	@ParameterizedTest
	@MethodSource("everyEvent")
	void isKeyedByItsAggregateId(DomainEvent event) {
		String target = event.getClass().getAnnotation(Externalized.class).value();
		String keyExpression = target.substring(target.indexOf("::") + 2);
		Object key = new SpelExpressionParser().parseExpression(keyExpression, new TemplateParserContext())
			.getValue(event);
		assertThat(key).isNotNull();
		assertThat(String.valueOf(key)).isNotBlank();
	}

}
