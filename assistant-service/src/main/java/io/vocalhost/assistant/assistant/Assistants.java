package io.vocalhost.assistant.assistant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.vocalhost.assistant.assistant.Assistant.Telephony;
import io.vocalhost.assistant.plan.PlanStates;
import io.vocalhost.assistant.telephony.PhoneNumbers;
import io.vocalhost.assistant.telephony.PhoneNumbers.AcquiredNumber;
import io.vocalhost.common.config.PlanLimits;
import io.vocalhost.common.events.assistant.AssistantCreated;
import io.vocalhost.common.events.assistant.AssistantDeleted;
import io.vocalhost.common.events.assistant.AssistantUpdated;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assistants of their owners: registration within the plan's limit with a phone number,
 * changes, deletion, suspension. Every change publishes the full configuration through
 * the outbox, in the same transaction.
 */
@Service
public class Assistants {

	private final AssistantStore store;

	private final PhoneNumbers phoneNumbers;

	private final PlanStates plans;

	private final PlanLimits limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Assistants(AssistantStore store, PhoneNumbers phoneNumbers, PlanStates plans, PlanLimits limits,
			ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.phoneNumbers = phoneNumbers;
		this.plans = plans;
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	List<Assistant> ofOwner(long ownerId) {
		return this.store.ofOwner(ownerId);
	}

	/** The owner's assistant; someone else's answers 404, as if it did not exist. */
	@Transactional(readOnly = true)
	Assistant get(long ownerId, long id) {
		return this.store.find(id)
			.filter((assistant) -> assistant.ownerId() == ownerId)
			.orElseThrow(() -> new AssistantNotFoundException(id));
	}

	@Transactional
	Assistant register(long ownerId, NewAssistant registration) {
		this.store.lockOwner(ownerId);
		String plan = this.plans.planOf(ownerId);
		int limit = this.limits.of(plan).assistants();
		if (this.store.countOfOwner(ownerId) >= limit) {
			throw new PlanLimitReachedException(plan, limit);
		}
		Instant now = this.clock.instant();
		Assistant draft = new Assistant(0, ownerId, registration.receptionist(), registration.business(),
				registration.schedule(), Telephony.NONE, Assistant.ACTIVE, now);
		long id = this.store.insert(draft, now);
		Assistant created = this.store.find(id).orElseThrow();
		if (registration.withPhoneNumber()) {
			AcquiredNumber number = this.phoneNumbers.acquire(id);
			created = created.withTelephony(new Telephony(number.number(), number.simulated()));
			this.store.update(created, now);
		}
		this.events.publishEvent(new AssistantCreated(UUID.randomUUID(), now, created.snapshot()));
		return created;
	}

	@Transactional
	Assistant update(long ownerId, long id, AssistantChange change) {
		Assistant current = get(ownerId, id);
		Assistant changed = change.applyTo(current);
		Instant now = this.clock.instant();
		this.store.update(changed, now);
		this.events.publishEvent(new AssistantUpdated(UUID.randomUUID(), now, changed.snapshot()));
		return changed;
	}

	@Transactional
	void delete(long ownerId, long id) {
		Assistant assistant = get(ownerId, id);
		String number = assistant.telephony().number();
		if (number != null) {
			this.phoneNumbers.release(number);
		}
		this.store.delete(id);
		this.events.publishEvent(new AssistantDeleted(UUID.randomUUID(), this.clock.instant(), id, ownerId, number));
	}

	/**
	 * Suspends (a payment failed) or reactivates (paid again) every assistant of the
	 * owner.
	 */
	@Transactional
	public void setStatusOfOwner(long ownerId, boolean active) {
		String status = active ? Assistant.ACTIVE : Assistant.SUSPENDED;
		Instant now = this.clock.instant();
		for (Assistant assistant : this.store.ofOwner(ownerId)) {
			if (!assistant.status().equals(status)) {
				Assistant changed = assistant.withStatus(status);
				this.store.update(changed, now);
				this.events.publishEvent(new AssistantUpdated(UUID.randomUUID(), now, changed.snapshot()));
			}
		}
	}

}
