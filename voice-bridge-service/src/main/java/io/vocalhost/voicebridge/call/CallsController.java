package io.vocalhost.voicebridge.call;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.security.CurrentUser;
import io.vocalhost.common.web.RequestValues;
import io.vocalhost.voicebridge.call.CallViews.CallDetails;
import io.vocalhost.voicebridge.call.CallViews.CallPage;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in owner's calls and transcripts. The owner comes only from the verified
 * access token; the database is read off the event loop.
 */
@RestController
class CallsController {

	private final CallHistory history;

	CallsController(CallHistory history) {
		this.history = history;
	}

	/** The owner's calls, newest first, optionally of one assistant and between dates. */
	@GetMapping("/api/calls")
	Mono<CallPage> calls(@AuthenticationPrincipal Jwt token, @Valid @ParameterObject CallQuery query) {
		long ownerId = CurrentUser.id(token);
		if (query.startDate() != null && query.endDate() != null
				&& LocalDate.parse(query.endDate().trim()).isBefore(LocalDate.parse(query.startDate().trim()))) {
			throw RequestValues.invalid("end_date", "must not be before start_date");
		}
		return blocking(() -> this.history.page(ownerId, query), "No assistant " + query.assistantId() + " of yours");
	}

	/** A call of the owner with its messages in conversation order. */
	@GetMapping("/api/calls/{id}")
	Mono<CallDetails> call(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		long ownerId = CurrentUser.id(token);
		Optional<UUID> callId = uuid(id);
		if (callId.isEmpty()) {
			throw notFound("No call " + id + " of yours");
		}
		return blocking(() -> this.history.find(ownerId, callId.get()), "No call " + id + " of yours");
	}

	private static <T> Mono<T> blocking(Callable<Optional<T>> query, String notFound) {
		return Mono.fromCallable(query)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((found) -> found.map(Mono::just).orElseGet(() -> Mono.error(notFound(notFound))));
	}

	private static ApiException notFound(String details) {
		return new ApiException(HttpStatus.NOT_FOUND, "Not found", details);
	}

	private static Optional<UUID> uuid(String value) {
		try {
			return Optional.of(UUID.fromString(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
