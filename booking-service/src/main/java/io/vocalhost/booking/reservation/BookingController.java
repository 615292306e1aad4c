package io.vocalhost.booking.reservation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.booking.availability.AssistantSchedule;
import io.vocalhost.booking.availability.AssistantSchedule.Slot;
import io.vocalhost.booking.availability.BookingProperties;
import io.vocalhost.booking.availability.Schedules;
import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.security.CurrentUser;
import io.vocalhost.common.text.WireFormats;
import io.vocalhost.common.validation.CalendarDate;
import io.vocalhost.common.validation.ClockTime;
import io.vocalhost.common.validation.E164Phone;
import io.vocalhost.common.web.ErrorResponse;
import io.vocalhost.common.web.RequestValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original slots and bookings endpoints (paths and JSON unchanged) and booking from
 * the dashboard. Dates and times are the business's, in its time zone.
 */
@RestController
class BookingController {

	private static final DateTimeFormatter SLOT_LABEL = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

	private static final DateTimeFormatter HH_MM = WireFormats.HH_MM;

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
	SlotsView slots(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestParam(required = false) String date) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		LocalDate day = (date != null) ? RequestValues.date("date", date)
				: LocalDate.now(this.clock.withZone(schedule.zone()));
		List<Slot> free = this.freeSlots.of(schedule, schedule.slotsOn(day));
		return new SlotsView(day.toString(), day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US),
				free.stream().map((slot) -> SLOT_LABEL.format(slot.localStart())).toList(),
				businessHours(schedule.hours().stream().filter((range) -> range.day() == day.getDayOfWeek()).toList()),
				schedule.slotMinutes());
	}

	@GetMapping("/api/bookings/{assistantId}")
	BookingsView bookings(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@RequestParam(name = "start_date", required = false) String startDate,
			@RequestParam(name = "end_date", required = false) String endDate) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		LocalDate today = LocalDate.now(this.clock.withZone(schedule.zone()));
		LocalDate from = (startDate != null) ? RequestValues.date("start_date", startDate) : today;
		LocalDate to = (endDate != null) ? RequestValues.date("end_date", endDate) : from.plusDays(7);
		if (to.isBefore(from)) {
			throw RequestValues.invalid("end_date", "must not be before start_date");
		}
		if (from.plusDays(this.properties.maxRangeDays()).isBefore(to)) {
			throw RequestValues.invalid("end_date",
					"the range may cover at most " + this.properties.maxRangeDays() + " days");
		}
		List<Booking> booked = this.bookings.activeBetween(assistantId, from.atStartOfDay(schedule.zone()).toInstant(),
				to.plusDays(1).atStartOfDay(schedule.zone()).toInstant());
		List<BookedTime> list = booked.stream().map((booking) -> BookedTime.of(booking, schedule)).toList();
		Map<String, List<SlotMark>> slots = new LinkedHashMap<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			slots.put(day.toString(),
					schedule.slotsOn(day)
						.stream()
						.map((slot) -> new SlotMark(HH_MM.format(slot.localStart()),
								booked.stream().anyMatch((booking) -> FreeSlots.overlaps(booking, slot))))
						.toList());
		}
		return new BookingsView(list, slots, businessHours(schedule.hours()), schedule.slotMinutes());
	}

	@PostMapping(path = "/api/bookings/{assistantId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ErrorResponse(status = 409, description = "Slot no longer available: someone booked it first")
	@ErrorResponse(status = 422, description = "Time not bookable: past, too soon, too far ahead, outside the hours, "
			+ "or a time the clocks skip")
	BookingView book(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@Valid @RequestBody NewBooking request) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		Booking booking = this.bookings.book(schedule, request.in(schedule), request.customerName().trim(),
				request.customerPhone().trim(), (request.details() != null) ? request.details() : "", "dashboard");
		return BookingView.of(booking, schedule);
	}

	@GetMapping("/api/bookings/{assistantId}/{bookingId}")
	BookingView booking(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@PathVariable long bookingId) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		return this.bookings.find(assistantId, bookingId)
			.map((booking) -> BookingView.of(booking, schedule))
			.orElseThrow(
					() -> new BookingNotFoundException("No booking " + bookingId + " of assistant " + assistantId));
	}

	@PatchMapping(path = "/api/bookings/{assistantId}/{bookingId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ErrorResponse(status = 409, description = "Slot no longer available: someone booked it first")
	@ErrorResponse(status = 422, description = "Time not bookable: past, too soon, too far ahead, outside the hours, "
			+ "or a time the clocks skip")
	BookingView reschedule(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId,
			@PathVariable long bookingId, @Valid @RequestBody NewTime request) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		return BookingView.of(this.bookings.reschedule(schedule, bookingId, request.in(schedule)), schedule);
	}

	@DeleteMapping("/api/bookings/{assistantId}/{bookingId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void cancel(@AuthenticationPrincipal Jwt token, @PathVariable long assistantId, @PathVariable long bookingId) {
		AssistantSchedule schedule = this.schedules.ofOwner(assistantId, CurrentUser.id(token));
		this.bookings.cancel(schedule, bookingId, "business");
	}

	private static String businessHours(List<OpeningHours> ranges) {
		if (ranges.isEmpty()) {
			return "Closed";
		}
		LocalTime open = ranges.stream().map(OpeningHours::start).min(LocalTime::compareTo).orElseThrow();
		LocalTime close = ranges.stream().map(OpeningHours::end).max(LocalTime::compareTo).orElseThrow();
		return HH_MM.format(open) + " - " + HH_MM.format(close);
	}

	record NewBooking(@CalendarDate String date, @ClockTime String time,
			@JsonProperty("customer_name") @NotBlank(message = "is required") String customerName,
			@JsonProperty("customer_phone") @E164Phone String customerPhone, String details) {

		ZonedDateTime in(AssistantSchedule schedule) {
			return schedule.at(WireFormats.date(this.date).orElseThrow(), WireFormats.time(this.time).orElseThrow());
		}

	}

	record NewTime(@CalendarDate String date, @ClockTime String time) {

		ZonedDateTime in(AssistantSchedule schedule) {
			return schedule.at(WireFormats.date(this.date).orElseThrow(), WireFormats.time(this.time).orElseThrow());
		}

	}

	record SlotsView(String date, String day, List<String> slots, @JsonProperty("business_hours") String businessHours,
			@JsonProperty("slot_duration") int slotDuration) {
	}

	record BookingsView(List<BookedTime> bookings, Map<String, List<SlotMark>> slots,
			@JsonProperty("business_hours") String businessHours, @JsonProperty("slot_duration") int slotDuration) {
	}

	record BookedTime(long id, String date, String time, @JsonProperty("customer_name") String customerName,
			String details, @JsonProperty("created_at") String createdAt) {

		static BookedTime of(Booking booking, AssistantSchedule schedule) {
			ZonedDateTime start = booking.startsAt().atZone(schedule.zone());
			return new BookedTime(booking.id(), start.toLocalDate().toString(), HH_MM.format(start),
					booking.customerName(), booking.details(), booking.createdAt().toString());
		}

	}

	record SlotMark(String time, @JsonProperty("is_booked") boolean isBooked) {
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
