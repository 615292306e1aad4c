package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.booking.availability.BookingProperties;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.security.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original slots and bookings endpoints (paths and JSON unchanged) and booking from
 * the dashboard. Dates and times are the business's, in its time zone.
 */
@RestController
class BookingController {

	private static final DateTimeFormatter SLOT_LABEL = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

	private final Schedules schedules;

	private final Bookings bookings;

	private final FreeSlots freeSlots;

	private final BookingProperties properties;

	private final Clock clock;

	BookingController(Schedules schedules, Bookings bookings, FreeSlots freeSlots, BookingProperties properties,
			Clock clock) {
		this.schedules = schedules;
		this.bookings = bookings;
		this.freeSlots = freeSlots;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/api/slots/{assistantId}")
	Map<String, Object> slots(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestParam(required = false) String date) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		LocalDate day = (date != null) ? date("date", date) : LocalDate.now(this.clock.withZone(schedule.zone()));
		List<Slot> free = this.freeSlots.of(schedule, schedule.slotsOn(day));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("date", day.toString());
		body.put("day", day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US));
		body.put("slots", free.stream().map((slot) -> SLOT_LABEL.format(slot.localStart())).toList());
		body.put("business_hours",
				businessHours(schedule.hours().stream().filter((range) -> range.day() == day.getDayOfWeek()).toList()));
		body.put("slot_duration", schedule.slotMinutes());
		return body;
	}

	@GetMapping("/api/bookings/{assistantId}")
	Map<String, Object> bookings(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		LocalDate today = LocalDate.now(this.clock.withZone(schedule.zone()));
		LocalDate from = (startDate != null) ? date("start_date", startDate) : today;
		LocalDate to = (endDate != null) ? date("end_date", endDate) : from.plusDays(7);
		if (to.isBefore(from)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"end_date: must not be before start_date");
		}
		if (from.plusDays(this.properties.maxRangeDays()).isBefore(to)) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
					"end_date: the range may cover at most " + this.properties.maxRangeDays() + " days");
		}
		List<Booking> booked = this.bookings.activeBetween(assistantId, from.atStartOfDay(schedule.zone()).toInstant(),
				to.plusDays(1).atStartOfDay(schedule.zone()).toInstant());
		List<Map<String, Object>> list = new ArrayList<>();
		for (Booking booking : booked) {
			ZonedDateTime start = booking.startsAt().atZone(schedule.zone());
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", booking.id());
			entry.put("date", start.toLocalDate().toString());
			entry.put("time", HH_MM.format(start));
			entry.put("customer_name", booking.customerName());
			entry.put("details", booking.details());
			entry.put("created_at", booking.createdAt().toString());
			list.add(entry);
		}
		Map<String, List<Map<String, Object>>> slots = new LinkedHashMap<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			slots.put(day.toString(), schedule.slotsOn(day).stream().map((slot) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("time", HH_MM.format(slot.localStart()));
				entry.put("is_booked", booked.stream().anyMatch((booking) -> FreeSlots.overlaps(booking, slot)));
				return entry;
			}).toList());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("bookings", list);
		body.put("slots", slots);
		body.put("business_hours", businessHours(schedule.hours()));
		body.put("slot_duration", schedule.slotMinutes());
		return body;
	}

	@PostMapping(path = "/api/bookings/{assistantId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<BookingView> book(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestBody NewBooking request) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		List<String> errors = new ArrayList<>();
		LocalDate day = parse(() -> LocalDate.parse(request.date()), "date: must be a date as YYYY-MM-DD", errors);
		LocalTime time = parse(() -> LocalTime.parse(request.time(), HH_MM), "time: must be a time as HH:MM", errors);
		if (request.customerName() == null || request.customerName().isBlank()) {
			errors.add("customer_name: is required");
		}
		if (request.customerPhone() == null || !E164.matcher(request.customerPhone()).matches()) {
			errors.add("customer_phone: must be a phone number in E.164 form, like +14155550123");
		}
		if (!errors.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", String.join("; ", errors));
		}
		Booking booking = this.bookings.book(schedule, existing(schedule, day.atTime(time)),
				request.customerName().trim(), request.customerPhone(),
				(request.details() != null) ? request.details() : "", "dashboard");
		return ResponseEntity.status(HttpStatus.CREATED).body(BookingView.of(booking, schedule));
	}

	@GetMapping("/api/bookings/{assistantId}/{bookingId}")
	BookingView booking(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@PathVariable long bookingId) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		return this.bookings.find(assistantId, bookingId)
			.map((booking) -> BookingView.of(booking, schedule))
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Booking not found",
					"No booking " + bookingId + " of assistant " + assistantId));
	}

	@PatchMapping(path = "/api/bookings/{assistantId}/{bookingId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	BookingView reschedule(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@PathVariable long bookingId, @RequestBody NewTime request) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		List<String> errors = new ArrayList<>();
		LocalDate day = parse(() -> LocalDate.parse(request.date()), "date: must be a date as YYYY-MM-DD", errors);
		LocalTime time = parse(() -> LocalTime.parse(request.time(), HH_MM), "time: must be a time as HH:MM", errors);
		if (!errors.isEmpty()) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", String.join("; ", errors));
		}
		return BookingView.of(this.bookings.reschedule(schedule, bookingId, existing(schedule, day.atTime(time))),
				schedule);
	}

	@DeleteMapping("/api/bookings/{assistantId}/{bookingId}")
	ResponseEntity<Void> cancel(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@PathVariable long bookingId) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		this.bookings.cancel(schedule, bookingId, "business");
		return ResponseEntity.noContent().build();
	}

	/**
	 * The business's local time as an instant; a time the clocks skip cannot be booked.
	 */
	private static ZonedDateTime existing(AssistantSchedule schedule, LocalDateTime local) {
		if (schedule.zone().getRules().getValidOffsets(local).isEmpty()) {
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Time not bookable",
					local + " does not exist in " + schedule.zone() + " (the clocks skip it)");
		}
		return local.atZone(schedule.zone());
	}

	private static String businessHours(List<OpeningHours> ranges) {
		if (ranges.isEmpty()) {
			return "Closed";
		}
		LocalTime open = ranges.stream().map(OpeningHours::start).min(LocalTime::compareTo).orElseThrow();
		LocalTime close = ranges.stream().map(OpeningHours::end).max(LocalTime::compareTo).orElseThrow();
		return HH_MM.format(open) + " - " + HH_MM.format(close);
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", field + ": must be a date as YYYY-MM-DD");
		}
	}

	private static <T> T parse(Supplier<T> parser, String error, List<String> errors) {
		try {
			return parser.get();
		}
		catch (DateTimeParseException | NullPointerException ex) {
			errors.add(error);
			return null;
		}
	}

	record NewBooking(String date, String time, @JsonProperty("customer_name") String customerName,
			@JsonProperty("customer_phone") String customerPhone, String details) {
	}

	record NewTime(String date, String time) {
	}

	public record BookingView(long id, String date, String time, @JsonProperty("end_time") String endTime,
			@JsonProperty("customer_name") String customerName, @JsonProperty("customer_phone") String customerPhone,
			String details, String status, @JsonProperty("created_at") String createdAt) {

		static BookingView of(Booking booking, AssistantSchedule schedule) {
			ZonedDateTime start = booking.startsAt().atZone(schedule.zone());
			return new BookingView(booking.id(), start.toLocalDate().toString(), HH_MM.format(start),
					HH_MM.format(booking.endsAt().atZone(schedule.zone())), booking.customerName(),
					booking.customerPhone(), booking.details(), booking.status(), booking.createdAt().toString());
		}

	}

}
