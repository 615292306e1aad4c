package io.vocalhost.common.events;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantUpdated;
import io.vocalhost.common.events.billing.CustomerCreated;
import io.vocalhost.common.events.billing.PaymentFailed;
import io.vocalhost.common.events.billing.SubscriptionChanged;
import io.vocalhost.common.events.booking.BookingCancelled;
import io.vocalhost.common.events.booking.BookingCreated;
import io.vocalhost.common.events.booking.BookingRescheduled;
import io.vocalhost.common.events.call.CallCompleted;
import io.vocalhost.common.events.call.CallStarted;
import io.vocalhost.common.events.session.SessionRevoked;
import io.vocalhost.common.events.user.UserRegistered;

import org.springframework.modulith.events.Externalized;

/** Every event of the system, with its wire type name and its topic. */
public final class EventCatalog {

	public static final List<Class<? extends DomainEvent>> EVENTS = List.of(UserRegistered.class,
			AssistantCreated.class, AssistantUpdated.class, AssistantDeleted.class, BookingCreated.class,
			BookingCancelled.class, BookingRescheduled.class, SubscriptionChanged.class, PaymentFailed.class,
			CustomerCreated.class, CallStarted.class, CallCompleted.class, SessionRevoked.class);

	private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = EVENTS.stream()
		.collect(Collectors.toUnmodifiableMap(EventCatalog::typeOf, Function.identity()));

	private EventCatalog() {
	}

	public static String typeOf(Class<?> event) {
		EventType type = event.getAnnotation(EventType.class);
		if (type == null) {
			throw new IllegalArgumentException(event.getName() + " is not annotated with @EventType");
		}
		return type.value();
	}

	public static Class<? extends DomainEvent> classOf(String type) {
		Class<? extends DomainEvent> event = BY_TYPE.get(type);
		if (event == null) {
			throw new IllegalArgumentException("Unknown event type: " + type);
		}
		return event;
	}

	public static String topicOf(Class<?> event) {
		Externalized externalized = event.getAnnotation(Externalized.class);
		if (externalized == null) {
			throw new IllegalArgumentException(event.getName() + " is not annotated with @Externalized");
		}
		String target = externalized.value();
		int keySeparator = target.indexOf("::");
		return (keySeparator < 0) ? target : target.substring(0, keySeparator);
	}

	/**
	 * The {@code spring.json.type.mapping} value that makes the Kafka JSON serializers
	 * write and read the stable type names instead of class names.
	 */
	public static String kafkaTypeMappings() {
		return EVENTS.stream().map((event) -> typeOf(event) + ":" + event.getName()).collect(Collectors.joining(","));
	}

}
