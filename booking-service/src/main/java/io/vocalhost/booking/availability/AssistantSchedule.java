package io.vocalhost.booking.availability;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.text.WireFormats;

/**
 * An assistant's bookable week as replicated from assistant-events, and the slots it
 * gives on a date in the business's own time zone.
 */
public record AssistantSchedule(long assistantId, long ownerId, ZoneId zone, int slotMinutes, String status,
		List<OpeningHours> hours) {

	public boolean takesBookings() {
		return "active".equals(this.status);
	}

	public Duration slotLength() {
		return Duration.ofMinutes(this.slotMinutes);
	}

	/**
	 * The slots of a date: every slot start from each opening range that fits before it
	 * closes. A local time skipped by a DST change does not exist and gives no slot, nor
	 * does a slot that would run into the skipped hour (a 45-minute slot at 01:30 when
	 * the clocks jump from 02:00 to 03:00 would last until 03:15 and overlap the 03:00
	 * slot); a local time that happens twice (clocks going back) gives one slot, at its
	 * first occurrence. Every slot lasts its length in real time, and no two overlap.
	 */
	public List<Slot> slotsOn(LocalDate date) {
		List<Slot> slots = new ArrayList<>();
		DayOfWeek day = date.getDayOfWeek();
		for (OpeningHours range : this.hours) {
			if (range.day() != day) {
				continue;
			}
			for (LocalTime start = range.start(); !start.plusMinutes(this.slotMinutes).isAfter(range.end())
					&& !start.plusMinutes(this.slotMinutes).isBefore(start); start = start
						.plusMinutes(this.slotMinutes)) {
				LocalDateTime local = date.atTime(start);
				List<ZoneOffset> offsets = this.zone.getRules().getValidOffsets(local);
				if (!offsets.isEmpty()) {
					Instant begins = ZonedDateTime.ofLocal(local, this.zone, offsets.get(0)).toInstant();
					Instant ends = begins.plus(slotLength());
					ZoneOffsetTransition next = this.zone.getRules().nextTransition(begins);
					if (next == null || !next.isGap() || !next.getInstant().isBefore(ends)) {
						slots.add(new Slot(start, begins, ends));
					}
				}
			}
		}
		return slots;
	}

	/** Whether [start, end) lies inside one opening range of the start's local day. */
	public boolean coversRange(ZonedDateTime start, ZonedDateTime end) {
		ZonedDateTime localStart = start.withZoneSameInstant(this.zone);
		ZonedDateTime localEnd = end.withZoneSameInstant(this.zone);
		if (!localStart.toLocalDate().equals(localEnd.toLocalDate())) {
			return false;
		}
		return this.hours.stream()
			.anyMatch((range) -> range.day() == localStart.getDayOfWeek()
					&& !localStart.toLocalTime().isBefore(range.start())
					&& !localEnd.toLocalTime().isAfter(range.end()));
	}

	/**
	 * The business's wall-clock time on a day, as a moment in its zone.
	 * @throws TimeNotBookableException for a time the clocks skip there
	 */
	public ZonedDateTime at(LocalDate day, LocalTime time) {
		LocalDateTime local = day.atTime(time);
		if (!WireFormats.exists(local, this.zone)) {
			throw new TimeNotBookableException(local + " does not exist in " + this.zone + " (the clocks skip it)");
		}
		return local.atZone(this.zone);
	}

	public record Slot(LocalTime localStart, Instant start, Instant end) {
	}

}
