package io.vocalhost.common.events;

import java.util.List;

/** Kafka topics, one per aggregate stream; records are keyed by the aggregate id. */
public final class Topics {

	public static final String USER_EVENTS = "user-events";

	public static final String ASSISTANT_EVENTS = "assistant-events";

	public static final String BOOKING_EVENTS = "booking-events";

	public static final String BILLING_EVENTS = "billing-events";

	public static final String CALL_EVENTS = "call-events";

	public static final String SESSION_EVENTS = "session-events";

	/** Suffix of the dead-letter topic that receives records a consumer gave up on. */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	public static final List<String> ALL = List.of(USER_EVENTS, ASSISTANT_EVENTS, BOOKING_EVENTS, BILLING_EVENTS,
			CALL_EVENTS, SESSION_EVENTS);

	private Topics() {
	}

}
