package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.booking.reservation.Holds.Hold;
import io.vocalhost.booking.availability.AssistantNotFoundException;
import io.vocalhost.common.security.Scopes;
import io.vocalhost.common.text.WireFormats;
import io.vocalhost.common.validation.CalendarDate;
import io.vocalhost.common.validation.ClockTime;
import io.vocalhost.common.validation.E164Phone;
import io.vocalhost.common.web.RequestValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the voice bridge needs during a call, with a service token (scopes
 * {@code bookings:read}, {@code bookings:write}); internal, the gateway does not route
 * it. Dates and times are the business's, in its zone.
 */
@RestController
class CallerBookingController {

	private static final DateTimeFormatter HH_MM = WireFormats.HH_MM;

	private static final int MAX_RANGE_DAYS = 14;

	private final Schedules schedules;

	private final Bookings bookings;

	private final Holds holds;

	private final FreeSlots freeSlots;

	private final IdempotentBookings idempotent;

	private final Clock clock;

	CallerBookingController(Schedules schedules, Bookings bookings, Holds holds, FreeSlots freeSlots,
			IdempotentBookings idempotent, Clock clock) {
		this.schedules = schedules;
		this.bookings = bookings;
		this.holds = holds;
		this.freeSlots = freeSlots;
		this.idempotent = idempotent;
		this.clock = clock;
	}

	@GetMapping("/internal/assistants/{assistantId}/free-slots")
	FreeSlotsView freeSlots(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestParam String from, @RequestParam String to) {
		Scopes.require(token, "bookings:read");
		AssistantSchedule schedule = schedule(assistantId);
		LocalDate first = RequestValues.date("from", from);
		LocalDate last = RequestValues.date("to", to);
		if (last.isBefore(first) || first.plusDays(MAX_RANGE_DAYS).isBefore(last)) {
			throw RequestValues.invalid("to", "must be on or after from, at most " + MAX_RANGE_DAYS + " days later");
		}
		List<Slot> slots = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			slots.addAll(schedule.slotsOn(day));
		}
		List<FreeSlot> free = this.freeSlots.of(schedule, slots)
			.stream()
			.map((slot) -> new FreeSlot(slot.start().atZone(schedule.zone()).toLocalDate().toString(),
					HH_MM.format(slot.localStart()), slot.start().toString()))
			.toList();
		return new FreeSlotsView(schedule.zone().getId(), schedule.slotMinutes(), free);
	}

	@PostMapping("/internal/assistants/{assistantId}/holds")
	@ResponseStatus(HttpStatus.CREATED)
	HoldView hold(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@Valid @RequestBody HoldRequest request) {
		Scopes.require(token, "bookings:write");
		AssistantSchedule schedule = schedule(assistantId);
		Hold hold = this.holds.hold(schedule, request.in(schedule),
				(request.holder() != null) ? request.holder() : token.getSubject());
		return new HoldView(hold.id().toString(), hold.start().toString(), hold.expiresAt().toString());
	}

	@PostMapping("/internal/assistants/{assistantId}/bookings")
	ResponseEntity<Object> book(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@Valid @RequestBody CallerBooking request) {
		Scopes.require(token, "bookings:write");
		String key = IdempotentBookings.key(idempotencyKey)
			.orElseThrow(
					() -> RequestValues.invalid("Idempotency-Key", "a header of at most 200 characters is required"));
		AssistantSchedule schedule = schedule(assistantId);
		IdempotentBookings.Answer answer = this.idempotent.once(assistantId, key, request,
				BookingController.BookingView.class,
				() -> BookingController.BookingView.of(
						this.bookings.book(schedule, request.in(schedule), request.customerName().trim(),
								request.customerPhone().trim(), (request.details() != null) ? request.details() : "",
								"call", (request.holdId() != null) ? UUID.fromString(request.holdId()) : null),
						schedule));
		return ResponseEntity.status(answer.status()).body(answer.body());
	}

	/** Cancels the caller's next upcoming booking, found by their phone number. */
	@PostMapping("/internal/assistants/{assistantId}/bookings/cancel")
	Cancelled cancelByPhone(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@Valid @RequestBody CallerCancel request) {
		Scopes.require(token, "bookings:write");
		AssistantSchedule schedule = schedule(assistantId);
		Booking booking = nextOf(schedule, request.customerPhone().trim());
		this.bookings.cancel(schedule, booking.id(), "customer");
		return new Cancelled(booking.id());
	}

	/** Moves the caller's next upcoming booking to a new time. */
	@PostMapping("/internal/assistants/{assistantId}/bookings/reschedule")
	BookingController.BookingView rescheduleByPhone(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@Valid @RequestBody CallerChange request) {
		Scopes.require(token, "bookings:write");
		AssistantSchedule schedule = schedule(assistantId);
		Booking booking = nextOf(schedule, request.customerPhone().trim());
		return BookingController.BookingView.of(this.bookings.reschedule(schedule, booking.id(), request.in(schedule)),
				schedule);
	}

	private Booking nextOf(AssistantSchedule schedule, String phone) {
		Instant now = this.clock.instant();
		return this.bookings.activeBetween(schedule.assistantId(), now, now.plus(Duration.ofDays(366)))
			.stream()
			.filter((booking) -> booking.customerPhone().equals(phone) && booking.startsAt().isAfter(now))
			.findFirst()
			.orElseThrow(() -> new BookingNotFoundException("No upcoming booking for " + phone));
	}

	private AssistantSchedule schedule(long assistantId) {
		return this.schedules.find(assistantId)
			.orElseThrow(() -> new AssistantNotFoundException("No assistant " + assistantId));
	}

	/** The business's date and time a request is about, checked by its constraints. */
	private static ZonedDateTime moment(AssistantSchedule schedule, String date, String time) {
		return schedule.at(WireFormats.date(date).orElseThrow(), WireFormats.time(time).orElseThrow());
	}

	record HoldRequest(@CalendarDate String date, @ClockTime String time, String holder) {

		ZonedDateTime in(AssistantSchedule schedule) {
			return moment(schedule, this.date, this.time);
		}

	}

	record CallerBooking(@CalendarDate String date, @ClockTime String time,
			@JsonProperty("customer_name") @NotBlank(message = "is required") String customerName,
			@JsonProperty("customer_phone") @E164Phone String customerPhone, String details,
			@JsonProperty("hold_id") @org.hibernate.validator.constraints.UUID(
					message = "must be a UUID") String holdId) {

		ZonedDateTime in(AssistantSchedule schedule) {
			return moment(schedule, this.date, this.time);
		}

	}

	record CallerCancel(@JsonProperty("customer_phone") @E164Phone String customerPhone) {
	}

	record CallerChange(@JsonProperty("customer_phone") @E164Phone String customerPhone, @CalendarDate String date,
			@ClockTime String time) {

		ZonedDateTime in(AssistantSchedule schedule) {
			return moment(schedule, this.date, this.time);
		}

	}

	record FreeSlotsView(@JsonProperty("time_zone") String timeZone, @JsonProperty("slot_duration") int slotDuration,
			List<FreeSlot> slots) {
	}

	record FreeSlot(String date, String time, String start) {
	}

	record HoldView(@JsonProperty("hold_id") String holdId, String start,
			@JsonProperty("expires_at") String expiresAt) {
	}

	record Cancelled(long cancelled) {
	}

}
