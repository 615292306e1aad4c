package io.vocalhost.common.security;

import io.vocalhost.common.events.Topics;
import io.vocalhost.common.events.session.SessionRevoked;

import org.springframework.kafka.annotation.KafkaListener;

/**
 * Every instance of every service hears every revocation: each instance consumes the
 * topic in its own consumer group, from the oldest retained record.
 */
public class SessionRevocationListener {

	private final RevokedSessions revokedSessions;

	public SessionRevocationListener(RevokedSessions revokedSessions) {
		this.revokedSessions = revokedSessions;
	}

	@KafkaListener(topics = Topics.SESSION_EVENTS,
			groupId = "${spring.application.name}-sessions-#{T(java.util.UUID).randomUUID()}",
			properties = "auto.offset.reset=earliest")
	void on(SessionRevoked event) {
		this.revokedSessions.revoke(event.sessionId(), event.tokensValidUntil());
	}

}
