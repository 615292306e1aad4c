package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.booking.reservation.Holds.Hold;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.security.Scopes;

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
import org.springframework.web.bind.annotation.RestController;

/**
 * What the voice bridge needs during a call, with a service token (scopes
 * {@code bookings:read}, {@code bookings:write}); internal, the gateway does not route
 * it. Dates and times are the business's, in its zone.
 */
@RestController
class CallerBookingController {

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

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
	Map<String, Object> freeSlots(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestParam String from, @RequestParam String to) {
		Scopes.require(token, "bookings:read");
		AssistantSchedule schedule = schedule(assistantId);
		LocalDate first = date("from", from);
		LocalDate last = date("to", to);
		if (last.isBefore(first) || first.plusDays(MAX_RANGE_DAYS).isBefore(last)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"to: must be on or after from, at most " + MAX_RANGE_DAYS + " days later");
		}
		List<Slot> slots = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			slots.addAll(schedule.slotsOn(day));
		}
		List<Map<String, String>> free = this.freeSlots.of(schedule, slots)
			.stream()
			.map((slot) -> Map.of("date", slot.start().atZone(schedule.zone()).toLocalDate().toString(), "time",
					HH_MM.format(slot.localStart()), "start", slot.start().toString()))
			.toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("time_zone", schedule.zone().getId());
		body.put("slot_duration", schedule.slotMinutes());
		body.put("slots", free);
		return body;
	}

	@PostMapping("/internal/assistants/{assistantId}/holds")
	ResponseEntity<Map<String, Object>> hold(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestBody HoldRequest request) {
		Scopes.require(token, "bookings:write");
		AssistantSchedule schedule = schedule(assistantId);
		Hold hold = this.holds.hold(schedule, at(schedule, request.date(), request.time()),
				(request.holder() != null) ? request.holder() : token.getSubject());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("hold_id", hold.id().toString());
		body.put("start", hold.start().toString());
		body.put("expires_at", hold.expiresAt().toString());
		return ResponseEntity.status(HttpStatus.CREATED).body(body);
	}

	@PostMapping("/internal/assistants/{assistantId}/bookings")
	ResponseEntity<Object> book(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			@RequestBody CallerBooking request) {
		Scopes.require(token, "bookings:write");
		String key = IdempotentBookings.key(idempotencyKey)
			.orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"Idempotency-Key: a header of at most 200 characters is required"));
		AssistantSchedule schedule = schedule(assistantId);
		IdempotentBookings.Answer answer = this.idempotent.once(assistantId, key, request,
				BookingController.BookingView.class,
				() -> BookingController.BookingView.of(this.bookings.book(schedule,
						at(schedule, request.date(), request.time()), required("customer_name", request.customerName()),
						phone(request.customerPhone()), (request.details() != null) ? request.details() : "", "call",
						(request.holdId() != null) ? UUID.fromString(request.holdId()) : null), schedule));
		return ResponseEntity.status(answer.status()).body(answer.body());
	}

	/** Cancels the caller's next upcoming booking, found by their phone number. */
	@PostMapping("/internal/assistants/{assistantId}/bookings/cancel")
	Map<String, Object> cancelByPhone(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestBody CallerChange request) {
		Scopes.require(token, "bookings:write");
		AssistantSchedule schedule = schedule(assistantId);
		Booking booking = nextOf(schedule, phone(request.customerPhone()));
		this.bookings.cancel(schedule, booking.id(), "customer");
		return Map.of("cancelled", booking.id());
	}

	/** Moves the caller's next upcoming booking to a new time. */
	@PostMapping("/internal/assistants/{assistantId}/bookings/reschedule")
	Object rescheduleByPhone(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestBody CallerChange request) {
		Scopes.require(token, "bookings:write");
		AssistantSchedule schedule = schedule(assistantId);
		Booking booking = nextOf(schedule, phone(request.customerPhone()));
		return BookingController.BookingView.of(
				this.bookings.reschedule(schedule, booking.id(), at(schedule, request.date(), request.time())),
				schedule);
	}

	private Booking nextOf(AssistantSchedule schedule, String phone) {
		Instant now = this.clock.instant();
		return this.bookings.activeBetween(schedule.assistantId(), now, now.plus(Duration.ofDays(366)))
			.stream()
			.filter((booking) -> booking.customerPhone().equals(phone) && booking.startsAt().isAfter(now))
			.findFirst()
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Booking not found",
					"No upcoming booking for " + phone));
	}

	private AssistantSchedule schedule(long assistantId) {
		return this.schedules.find(assistantId)
			.orElseThrow(
					() -> new ApiException(HttpStatus.NOT_FOUND, "Assistant not found", "No assistant " + assistantId));
	}

	private static ZonedDateTime at(AssistantSchedule schedule, String date, String time) {
		LocalDate day = date("date", date);
		LocalTime localTime;
		try {
			localTime = LocalTime.parse((time != null) ? time : "", HH_MM);
		}
		catch (DateTimeParseException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "time: must be a time as HH:MM");
		}
		LocalDateTime local = day.atTime(localTime);
		if (schedule.zone().getRules().getValidOffsets(local).isEmpty()) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Time not bookable",
					local + " does not exist in " + schedule.zone() + " (the clocks skip it)");
		}
		return local.atZone(schedule.zone());
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse((value != null) ? value : "");
		}
		catch (DateTimeParseException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": must be a date as YYYY-MM-DD");
		}
	}

	private static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": is required");
		}
		return value.trim();
	}

	private static String phone(String value) {
		if (value == null || !value.matches("\\+[1-9]\\d{6,14}")) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"customer_phone: must be a phone number in E.164 form, like +14155550123");
		}
		return value;
	}

	record HoldRequest(String date, String time, String holder) {
	}

	record CallerBooking(String date, String time, @JsonProperty("customer_name") String customerName,
			@JsonProperty("customer_phone") String customerPhone, String details,
			@JsonProperty("hold_id") String holdId) {
	}

	record CallerChange(@JsonProperty("customer_phone") String customerPhone, String date, String time) {
	}

}
