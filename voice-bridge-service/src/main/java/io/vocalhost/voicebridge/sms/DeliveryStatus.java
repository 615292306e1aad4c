package io.vocalhost.voicebridge.sms;

import java.util.Map;

/**
 * Twilio's statuses of an outgoing message, by how far along they are: a status never
 * goes back to an earlier one (the final ones share the last step). {@code pending} is
 * the bridge's own, before Twilio has the message.
 */
final class DeliveryStatus {

	private static final Map<String, Integer> PROGRESS = Map.ofEntries(Map.entry("pending", 0),
			Map.entry("accepted", 1), Map.entry("scheduled", 1), Map.entry("queued", 1), Map.entry("sending", 2),
			Map.entry("sent", 3), Map.entry("delivered", 4), Map.entry("undelivered", 4), Map.entry("failed", 4),
			Map.entry("read", 4), Map.entry("canceled", 4), Map.entry("delivery_unknown", 4));

	private DeliveryStatus() {
	}

	/** Whether Twilio reports this status of a message. */
	static boolean known(String status) {
		return progress(status) > 0;
	}

	static int progress(String status) {
		return PROGRESS.getOrDefault(status, 0);
	}

}
