package io.vocalhost.booking.system;

import io.vocalhost.booking.availability.AssistantNotFoundException;
import io.vocalhost.booking.reservation.BookingNotFoundException;
import io.vocalhost.booking.reservation.IdempotencyKeyReusedException;
import io.vocalhost.booking.reservation.SlotTakenException;
import io.vocalhost.booking.availability.TimeNotBookableException;
import io.vocalhost.common.error.ApiExceptionHandler;
import io.vocalhost.common.error.ErrorBody;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The booking domain's refusals as answers: the only place that knows their statuses. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BookingExceptionHandler {

	@ExceptionHandler(AssistantNotFoundException.class)
	ResponseEntity<ErrorBody> assistantNotFound(AssistantNotFoundException ex) {
		return answer(HttpStatus.NOT_FOUND, "Assistant not found", ex);
	}

	@ExceptionHandler(BookingNotFoundException.class)
	ResponseEntity<ErrorBody> bookingNotFound(BookingNotFoundException ex) {
		return answer(HttpStatus.NOT_FOUND, "Booking not found", ex);
	}

	@ExceptionHandler(SlotTakenException.class)
	ResponseEntity<ErrorBody> slotTaken(SlotTakenException ex) {
		return answer(HttpStatus.CONFLICT, "Slot no longer available", ex);
	}

	@ExceptionHandler(TimeNotBookableException.class)
	ResponseEntity<ErrorBody> notBookable(TimeNotBookableException ex) {
		return answer(HttpStatus.UNPROCESSABLE_CONTENT, "Time not bookable", ex);
	}

	@ExceptionHandler(IdempotencyKeyReusedException.class)
	ResponseEntity<ErrorBody> keyReused(IdempotencyKeyReusedException ex) {
		return answer(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused", ex);
	}

	private static ResponseEntity<ErrorBody> answer(HttpStatus status, String error, RuntimeException ex) {
		return ApiExceptionHandler.respond(status, new ErrorBody(error, ex.getMessage()));
	}

}
