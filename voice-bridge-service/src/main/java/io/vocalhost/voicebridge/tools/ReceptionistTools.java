package io.vocalhost.voicebridge.tools;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vocalhost.common.events.assistant.AssistantSnapshot.OpeningHours;
import io.vocalhost.common.text.WireFormats;
import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.call.Callbacks;
import io.vocalhost.voicebridge.relay.ToolDeclarations;
import io.vocalhost.voicebridge.relay.ToolRunner;
import io.vocalhost.voicebridge.tools.CallerDates.Resolved;
import io.vocalhost.voicebridge.tools.CallerDates.Unresolved;
import io.vocalhost.voicebridge.tools.InternalApi.Answer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call's tools: what the model asks is checked here, in the business's zone and for
 * the caller's own phone (Twilio's {@code From}, never the model's), before
 * booking-service or rag-service is asked.
 * <p>
 * Booking goes through checkpoints, each refusal naming the one that failed
 * ({@code checkpoint} in the output): {@code name} (no name given), {@code date} and
 * {@code time} (not understood, or no exact time), {@code past}, {@code hours} (outside
 * the opening hours), {@code caller_phone} (the caller's number is withheld),
 * {@code second_booking} (this call booked another slot already: the model must ask the
 * same again to book a second one) and {@code free} (the slot is held for this call
 * first, so it is free now or the nearest free times are offered instead). Booking the
 * same slot again on the same call answers the same booking (booking-service's
 * idempotency key {@code call:{callId}:{date}T{time}}).
 */
final class ReceptionistTools implements ToolRunner {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{6,14}");

	/** How far check_availability and the alternatives look ahead. */
	private static final int DAYS_AHEAD = 7;

	private static final int MAX_TIMES = 8;

	private static final int MAX_ALTERNATIVES = 3;

	private static final int MAX_NEXT_DAYS = 3;

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final UUID callId;

	private final String caller;

	private final AssistantReplica assistant;

	private final InternalApi api;

	private final ToolsProperties properties;

	private final Callbacks callbacks;

	private final CallerDates dates;

	private final Clock clock;

	/** The bookings this call made, by slot. */
	private final Map<LocalDateTime, ObjectNode> booked = new LinkedHashMap<>();

	/** The other slot a second booking was refused for once; asking again books it. */
	private LocalDateTime secondAsked;

	ReceptionistTools(UUID callId, String caller, AssistantReplica assistant, InternalApi api,
			ToolsProperties properties, Callbacks callbacks, CallerDates dates, Clock clock) {
		this.callId = callId;
		this.caller = (caller != null) ? caller.strip() : "";
		this.assistant = assistant;
		this.api = api;
		this.properties = properties;
		this.callbacks = callbacks;
		this.dates = dates;
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Result> run(String name, JsonNode arguments) {
		return switch (name) {
			case ToolDeclarations.CHECK_AVAILABILITY -> checkAvailability(arguments);
			case ToolDeclarations.BOOK_APPOINTMENT -> book(arguments);
			case ToolDeclarations.CANCEL_OR_RESCHEDULE -> change(arguments);
			case ToolDeclarations.SEARCH_KNOWLEDGE -> searchKnowledge(arguments);
			case ToolDeclarations.TRANSFER_TO_HUMAN -> done(transfer());
			case ToolDeclarations.TAKE_MESSAGE -> takeMessage(arguments);
			case ToolDeclarations.END_CALL -> done(Result
				.of(ok().put("instruction", "Say only a very short goodbye; the call ends once it has been played."))
				.then(AfterReply.HANG_UP));
			default -> done(Result.refused("There is no tool called " + name + "."));
		};
	}

	private CompletableFuture<Result> checkAvailability(JsonNode arguments) {
		CallerDates.Resolution asked = this.dates.resolve(text(arguments, "date"), text(arguments, "time"), zone());
		if (asked instanceof Unresolved unresolved) {
			return done(checkpoint("date", unresolved.reason()));
		}
		if (this.api == null) {
			return done(notAvailable());
		}
		Resolved day = (Resolved) asked;
		return freeSlots(day.date(), day.date().plusDays(DAYS_AHEAD)).thenApply((free) -> availability(day, free));
	}

	private Result availability(Resolved day, List<LocalDateTime> free) {
		List<LocalTime> onDay = free.stream()
			.filter((slot) -> slot.toLocalDate().equals(day.date()))
			.map(LocalDateTime::toLocalTime)
			.toList();
		ObjectNode output = ok().put("date", day.date().toString())
			.put("day", DAY.format(day.date()))
			.put("time_zone", zone().getId());
		List<LocalTime> offered = onDay.stream()
			.filter((time) -> day.partOfDay()
				.map((part) -> !time.isBefore(part.from()) && time.isBefore(part.until()))
				.orElse(true))
			.toList();
		if (day.time().isPresent()) {
			LocalTime time = day.time().get();
			output.put("requested_time", hhmm(time)).put("requested_time_free", onDay.contains(time));
			offered = offered.stream()
				.sorted(Comparator.comparing((LocalTime slot) -> Math.abs(Duration.between(time, slot).toMinutes())))
				.limit(MAX_TIMES)
				.sorted()
				.toList();
		}
		ArrayNode times = output.putArray("free_times");
		offered.stream().limit(MAX_TIMES).forEach((time) -> times.add(hhmm(time)));
		if (offered.isEmpty()) {
			ArrayNode nextDays = output.putArray("next_free_days");
			free.stream()
				.filter((slot) -> slot.toLocalDate().isAfter(day.date()))
				.collect(Collectors.groupingBy(LocalDateTime::toLocalDate, LinkedHashMap::new, Collectors.toList()))
				.entrySet()
				.stream()
				.limit(MAX_NEXT_DAYS)
				.forEach((entry) -> {
					ObjectNode next = nextDays.addObject()
						.put("date", entry.getKey().toString())
						.put("day", DAY.format(entry.getKey()));
					ArrayNode nextTimes = next.putArray("free_times");
					entry.getValue().stream().limit(4).forEach((slot) -> nextTimes.add(hhmm(slot.toLocalTime())));
				});
			output.put("note", nextDays.isEmpty() ? "No free times in the next " + DAYS_AHEAD + " days."
					: "No free times then; these are the next days with free times.");
		}
		return Result.of(output);
	}

	private CompletableFuture<Result> book(JsonNode arguments) {
		String name = text(arguments, "customer_name");
		if (name == null) {
			return done(checkpoint("name", "Ask the caller for their name before booking."));
		}
		CallerDates.Resolution asked = this.dates.resolve(text(arguments, "date"), text(arguments, "time"), zone());
		if (asked instanceof Unresolved unresolved) {
			return done(checkpoint("date", unresolved.reason()));
		}
		Resolved day = (Resolved) asked;
		if (day.time().isEmpty()) {
			return done(checkpoint("time", "Ask the caller for an exact time"
					+ day.partOfDay().map((part) -> " in the " + part.name().toLowerCase(Locale.ROOT)).orElse("")
					+ "; check_availability gives the free ones."));
		}
		LocalDateTime slot = day.date().atTime(day.time().get());
		Result refused = bookable(slot);
		if (refused != null) {
			return done(refused);
		}
		boolean again;
		synchronized (this) {
			again = this.booked.containsKey(slot);
			if (!again && !this.booked.isEmpty() && !slot.equals(this.secondAsked)) {
				this.secondAsked = slot;
				LocalDateTime first = this.booked.keySet().iterator().next();
				return done(checkpoint("second_booking", "This call already booked " + spoken(first)
						+ ". Book a second appointment only if the caller clearly wants one: confirm with them, "
						+ "then call book_appointment again with the same details."));
			}
		}
		if (this.api == null) {
			return done(notAvailable());
		}
		String details = (text(arguments, "details") != null) ? text(arguments, "details") : "";
		CompletableFuture<String> hold = again ? CompletableFuture.completedFuture(null) : hold(slot);
		return hold.thenCompose((holdId) -> {
			if (holdId != null && holdId.isEmpty()) {
				return alternatives(slot, "That time is no longer free.");
			}
			ObjectNode body = nodes.objectNode()
				.put("date", slot.toLocalDate().toString())
				.put("time", hhmm(slot.toLocalTime()))
				.put("customer_name", name)
				.put("customer_phone", this.caller)
				.put("details", details);
			if (holdId != null) {
				body.put("hold_id", holdId);
			}
			return this.api
				.post(booking("/bookings"), body, Map.of("Idempotency-Key", "call:" + this.callId + ":" + slot))
				.thenCompose((answer) -> booked(slot, name, answer));
		}).exceptionally((ex) -> (ex.getCause() instanceof Refusal refusal) ? refusal.result : rethrow(ex));
	}

	/**
	 * The checkpoints that need no other service; {@code null} when the slot passes them.
	 */
	private Result bookable(LocalDateTime slot) {
		if (!slot.atZone(zone()).isAfter(ZonedDateTime.now(this.clock.withZone(zone())))) {
			return checkpoint("past", "That time has already passed.");
		}
		if (!open(slot)) {
			return checkpoint("hours", "The business is not open then. Opening hours on " + DAY.format(slot) + ": "
					+ hoursOn(slot.toLocalDate()) + ".");
		}
		if (!PHONE.matcher(this.caller).matches()) {
			return checkpoint("caller_phone", "The caller's number is withheld, so no appointment can be booked "
					+ "or changed by phone; offer to take a message instead.");
		}
		return null;
	}

	/** Holds the slot for this call: its hold id, or empty when the slot is taken. */
	private CompletableFuture<String> hold(LocalDateTime slot) {
		ObjectNode body = nodes.objectNode()
			.put("date", slot.toLocalDate().toString())
			.put("time", hhmm(slot.toLocalTime()))
			.put("holder", "call:" + this.callId);
		return this.api.post(booking("/holds"), body, Map.of()).thenApply((answer) -> {
			if (answer.status() == 409) {
				return "";
			}
			if (answer.status() == 422) {
				throw new Refusal(checkpoint("free", answer.details()));
			}
			return expected(answer).path("hold_id").asString();
		});
	}

	private CompletableFuture<Result> booked(LocalDateTime slot, String name, Answer answer) {
		if (answer.status() == 409) {
			return alternatives(slot, "That time is no longer free.");
		}
		if (answer.status() == 422) {
			return done(checkpoint("free", answer.details()));
		}
		JsonNode booking = expected(answer);
		ObjectNode output = ok().put("booking_id", booking.path("id").asLong())
			.put("date", booking.path("date").asString())
			.put("day", DAY.format(slot))
			.put("time", booking.path("time").asString())
			.put("end_time", booking.path("end_time").asString())
			.put("customer_name", booking.path("customer_name").asString());
		synchronized (this) {
			this.booked.putIfAbsent(slot, output);
		}
		return done(Result.of(output).summarised("Booked " + spoken(slot) + " for " + name + "."));
	}

	/** The nearest free times to a slot that could not be had. */
	private CompletableFuture<Result> alternatives(LocalDateTime slot, String reason) {
		return freeSlots(slot.toLocalDate(), slot.toLocalDate().plusDays(DAYS_AHEAD)).thenApply((free) -> {
			ObjectNode output = nodes.objectNode()
				.put("ok", false)
				.put("checkpoint", "free")
				.put("reason", reason + " Offer the caller one of the alternatives.");
			ArrayNode alternatives = output.putArray("alternatives");
			free.stream()
				.sorted(Comparator
					.comparing((LocalDateTime other) -> Math.abs(Duration.between(slot, other).toMinutes())))
				.limit(MAX_ALTERNATIVES)
				.sorted()
				.forEach((other) -> alternatives.addObject()
					.put("date", other.toLocalDate().toString())
					.put("day", DAY.format(other))
					.put("time", hhmm(other.toLocalTime())));
			return Result.of(output);
		});
	}

	private CompletableFuture<Result> change(JsonNode arguments) {
		String action = text(arguments, "action");
		if (!"cancel".equals(action) && !"reschedule".equals(action)) {
			return done(Result.refused("The action must be cancel or reschedule."));
		}
		if (!PHONE.matcher(this.caller).matches()) {
			return done(checkpoint("caller_phone", "The caller's number is withheld, so their appointment cannot be "
					+ "found; offer to take a message instead."));
		}
		if (this.api == null) {
			return done(notAvailable());
		}
		if ("cancel".equals(action)) {
			return this.api
				.post(booking("/bookings/cancel"), nodes.objectNode().put("customer_phone", this.caller), Map.of())
				.thenApply((answer) -> (answer.status() == 404) ? noBooking()
						: Result.of(ok().put("cancelled_booking_id", expected(answer).path("cancelled").asLong()))
							.summarised("Cancelled the caller's next appointment."));
		}
		CallerDates.Resolution asked = this.dates.resolve(text(arguments, "new_date"), text(arguments, "new_time"),
				zone());
		if (asked instanceof Unresolved unresolved) {
			return done(checkpoint("date", unresolved.reason()));
		}
		Resolved day = (Resolved) asked;
		if (day.time().isEmpty()) {
			return done(checkpoint("time", "Ask the caller for the exact new time."));
		}
		LocalDateTime slot = day.date().atTime(day.time().get());
		Result refused = bookable(slot);
		if (refused != null) {
			return done(refused);
		}
		ObjectNode body = nodes.objectNode()
			.put("customer_phone", this.caller)
			.put("date", slot.toLocalDate().toString())
			.put("time", hhmm(slot.toLocalTime()));
		return this.api.post(booking("/bookings/reschedule"), body, Map.of()).thenCompose((answer) -> {
			if (answer.status() == 404) {
				return done(noBooking());
			}
			if (answer.status() == 409) {
				return alternatives(slot, "That new time is not free.");
			}
			if (answer.status() == 422) {
				return done(checkpoint("free", answer.details()));
			}
			JsonNode moved = expected(answer);
			return done(Result
				.of(ok().put("booking_id", moved.path("id").asLong())
					.put("date", moved.path("date").asString())
					.put("day", DAY.format(slot))
					.put("time", moved.path("time").asString()))
				.summarised("Moved the caller's appointment to " + spoken(slot) + "."));
		});
	}

	private CompletableFuture<Result> searchKnowledge(JsonNode arguments) {
		String question = text(arguments, "question");
		if (question == null) {
			return done(Result.refused("Say what the caller wants to know."));
		}
		if (this.api == null) {
			return done(notAvailable());
		}
		ObjectNode body = nodes.objectNode()
			.put("assistant_id", this.assistant.assistantId())
			.put("query", question)
			.put("k", this.properties.knowledgePassages());
		return this.api.post(rag("/internal/search"), body, Map.of()).thenApply((answer) -> {
			ObjectNode output = ok();
			ArrayNode passages = output.putArray("passages");
			for (JsonNode result : expected(answer).path("results")) {
				ObjectNode passage = passages.addObject()
					.put("text", result.path("text").asString())
					.put("document", result.path("document_name").asString());
				if (result.path("page").isNumber()) {
					passage.put("page", result.path("page").asInt());
				}
			}
			if (passages.isEmpty()) {
				output.put("note", "Nothing in the business's documents answers this. Say you do not know, and "
						+ "offer to take a message.");
			}
			return Result.of(output);
		});
	}

	private Result transfer() {
		String phone = this.assistant.businessPhone();
		if (phone == null || phone.isBlank()) {
			return checkpoint("no_phone", "Nobody can take the call by phone. Offer to take a message (take_message).");
		}
		LocalDateTime now = LocalDateTime.now(this.clock.withZone(zone()));
		if (!open(now)) {
			return checkpoint("closed", "The business is closed now (hours today: " + hoursOn(now.toLocalDate())
					+ "). Offer to take a message (take_message).");
		}
		return Result
			.of(ok().put("instruction",
					"Tell the caller in one short sentence that you are connecting "
							+ "them now; the call is handed over after your reply."))
			.then(AfterReply.TRANSFER)
			.summarised("Transferred the call to the business.");
	}

	private CompletableFuture<Result> takeMessage(JsonNode arguments) {
		String name = text(arguments, "name");
		String message = text(arguments, "message");
		if (name == null || message == null) {
			return done(Result.refused((name == null) ? "Ask the caller for their name." : "Ask what the message is."));
		}
		String given = text(arguments, "callback_number");
		String number = (given != null) ? given.replaceAll("[\\s().-]", "") : this.caller;
		if (!PHONE.matcher(number).matches()) {
			return done(checkpoint("callback_number",
					(given != null) ? "Ask for the number with its country code, like +1 415 555 0100."
							: "The caller's number is withheld; ask for a number to call back on."));
		}
		return Mono
			.fromCallable(() -> this.callbacks.left(this.assistant.assistantId(), this.assistant.ownerId(), this.callId,
					name, number, message))
			.subscribeOn(Schedulers.boundedElastic())
			.map((id) -> Result.of(ok().put("message_id", id).put("callback_number", number))
				.summarised("Took a message from " + name + " to call back on " + number + "."))
			.toFuture();
	}

	private CompletableFuture<List<LocalDateTime>> freeSlots(LocalDate from, LocalDate to) {
		return this.api.get(booking("/free-slots?from=" + from + "&to=" + to))
			.thenApply((answer) -> expected(answer).path("slots")
				.valueStream()
				.map((slot) -> WireFormats.date(slot.path("date").asString(""))
					.flatMap((date) -> WireFormats.time(slot.path("time").asString("")).map(date::atTime))
					.orElseThrow())
				.toList());
	}

	private boolean open(LocalDateTime at) {
		LocalTime time = at.toLocalTime();
		return this.assistant.hours()
			.stream()
			.anyMatch((hours) -> hours.day() == at.getDayOfWeek() && !time.isBefore(hours.start())
					&& time.isBefore(hours.end()));
	}

	private String hoursOn(LocalDate date) {
		String ranges = this.assistant.hours()
			.stream()
			.filter((hours) -> hours.day() == date.getDayOfWeek())
			.map((OpeningHours hours) -> hhmm(hours.start()) + " to " + hhmm(hours.end()))
			.collect(Collectors.joining(" and "));
		return ranges.isEmpty() ? "closed" : ranges;
	}

	private URI booking(String path) {
		return under(this.properties.bookingUrl(), "/internal/assistants/" + this.assistant.assistantId() + path);
	}

	private URI rag(String path) {
		return under(this.properties.ragUrl(), path);
	}

	private static URI under(URI base, String path) {
		return URI.create(base.toString().replaceAll("/+$", "") + path);
	}

	private ZoneId zone() {
		return this.assistant.zone();
	}

	private static String spoken(LocalDateTime slot) {
		return DAY.format(slot) + " at " + hhmm(slot.toLocalTime());
	}

	private static String hhmm(LocalTime time) {
		return WireFormats.HH_MM.format(time);
	}

	/** The body of a successful answer; any other is a failure the relay reports. */
	private static JsonNode expected(Answer answer) {
		if (!answer.ok()) {
			throw new IllegalStateException("the service answered " + answer.status() + ": " + answer.details());
		}
		return answer.body();
	}

	private static Result noBooking() {
		return checkpoint("no_booking", "There is no upcoming appointment under the number the caller is calling "
				+ "from; appointments booked under another number cannot be changed on this call.");
	}

	private static Result notAvailable() {
		return Result.refused("Booking and the business's documents are not available on this line right now. "
				+ "Offer to take a message.");
	}

	private static Result checkpoint(String checkpoint, String reason) {
		return Result.of(nodes.objectNode().put("ok", false).put("checkpoint", checkpoint).put("reason", reason));
	}

	private static ObjectNode ok() {
		return nodes.objectNode().put("ok", true);
	}

	private static String text(JsonNode arguments, String field) {
		JsonNode value = arguments.path(field);
		return (value.isString() && !value.asString().isBlank()) ? value.asString().strip() : null;
	}

	private static CompletableFuture<Result> done(Result result) {
		return CompletableFuture.completedFuture(result);
	}

	private static Result rethrow(Throwable failure) {
		throw (failure instanceof RuntimeException runtime) ? runtime : new IllegalStateException(failure);
	}

	/** A checkpoint that failed inside a chain of requests. */
	private static final class Refusal extends RuntimeException {

		private final Result result;

		Refusal(Result result) {
			super(null, null, false, false);
			this.result = result;
		}

	}

}
