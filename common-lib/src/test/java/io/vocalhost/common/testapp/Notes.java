package io.vocalhost.common.testapp;

import java.time.Instant;
import java.util.UUID;

import io.vocalhost.common.events.user.UserRegistered;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a row and publishes an event in one transaction, like a real feature service.
 */
@Service
public class Notes {

	private final NoteRepository notes;

	private final ApplicationEventPublisher events;

	Notes(NoteRepository notes, ApplicationEventPublisher events) {
		this.notes = notes;
		this.events = events;
	}

	@Transactional
	public UserRegistered write(long userId, String text, boolean failAfterPublishing) {
		this.notes.save(text);
		UserRegistered event = new UserRegistered(UUID.randomUUID(), Instant.now(), userId, text,
				text + "@example.com");
		this.events.publishEvent(event);
		if (failAfterPublishing) {
			throw new IllegalStateException("rolled back on purpose");
		}
		return event;
	}

}
