package io.vocalhost.assistant.assistant;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;

/**
 * An assistant's whole configuration, as stored, in named parts so that no two of its
 * texts can be swapped by position. A new field goes into one part; the {@code with…}
 * methods below are the only places that rebuild the whole.
 */
public record Assistant(long id, long ownerId, Receptionist receptionist, Business business, WeeklySchedule schedule,
		Telephony telephony, String status, Instant createdAt) {

	public static final String ACTIVE = "active";

	public static final String SUSPENDED = "suspended";

	Assistant withSchedule(WeeklySchedule schedule) {
		return new Assistant(this.id, this.ownerId, this.receptionist, this.business, schedule, this.telephony,
				this.status, this.createdAt);
	}

	Assistant withTelephony(Telephony telephony) {
		return new Assistant(this.id, this.ownerId, this.receptionist, this.business, this.schedule, telephony,
				this.status, this.createdAt);
	}

	Assistant withStatus(String status) {
		return new Assistant(this.id, this.ownerId, this.receptionist, this.business, this.schedule, this.telephony,
				status, this.createdAt);
	}

	/** The configuration the owner edits, keeping identity, number and status. */
	Assistant withSettings(Receptionist receptionist, Business business, WeeklySchedule schedule) {
		return new Assistant(this.id, this.ownerId, receptionist, business, schedule, this.telephony, this.status,
				this.createdAt);
	}

	AssistantSnapshot snapshot() {
		return new AssistantSnapshot(this.id, this.ownerId, this.receptionist.name(), this.business.name(),
				this.business.description(), this.schedule.timeZone(), this.schedule.hours(),
				this.schedule.slotMinutes(), this.receptionist.voice(), this.receptionist.greeting(),
				this.business.phone(), this.telephony.number(), this.status);
	}

	/**
	 * Who answers the phone: the receptionist's name, voice and greeting, and what it
	 * does.
	 *
	 * @param features the original frontend's add-ons chosen at creation ({@code voice},
	 * {@code booking}, ...)
	 */
	public record Receptionist(String name, String voice, String greeting, List<String> features) {
	}

	/**
	 * The business the assistant answers for.
	 *
	 * @param phone the business's own phone, where calls are transferred
	 */
	public record Business(String name, String description, String phone) {
	}

	/**
	 * When the business takes bookings.
	 *
	 * @param slotMinutes the length of one booking
	 * @param hours opening ranges in {@code timeZone}; a break is two ranges on one day
	 */
	public record WeeklySchedule(String timeZone, int slotMinutes, List<OpeningHours> hours) {

		/** Earliest opening over the week, for the original single start_time field. */
		LocalTime earliestStart() {
			return this.hours.stream().map(OpeningHours::start).min(LocalTime::compareTo).orElse(null);
		}

		/** Latest closing over the week, for the original single end_time field. */
		LocalTime latestEnd() {
			return this.hours.stream().map(OpeningHours::end).max(LocalTime::compareTo).orElse(null);
		}

		boolean isOpenOn(DayOfWeek day) {
			return this.hours.stream().anyMatch((range) -> range.day() == day);
		}

	}

	/**
	 * The assistant's own phone number, if it has one.
	 *
	 * @param simulated from the local pool rather than bought from Twilio
	 */
	public record Telephony(String number, boolean simulated) {

		static final Telephony NONE = new Telephony(null, false);

	}

}
