package io.vocalhost.assistant.system;

import io.vocalhost.assistant.assistant.AssistantNotFoundException;
import io.vocalhost.assistant.assistant.InvalidHoursException;
import io.vocalhost.assistant.assistant.PlanLimitReachedException;
import io.vocalhost.assistant.telephony.NoNumberAvailableException;
import io.vocalhost.assistant.telephony.TelephonyFailedException;
import io.vocalhost.common.error.ApiExceptionHandler;
import io.vocalhost.common.error.ErrorBody;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The assistant and telephony domains' refusals as answers: the only place that knows
 * their statuses.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AssistantExceptionHandler {

	@ExceptionHandler(AssistantNotFoundException.class)
	ResponseEntity<ErrorBody> assistantNotFound(AssistantNotFoundException ex) {
		return answer(HttpStatus.NOT_FOUND, "Assistant not found", ex);
	}

	@ExceptionHandler(InvalidHoursException.class)
	ResponseEntity<ErrorBody> invalidHours(InvalidHoursException ex) {
		return answer(HttpStatus.BAD_REQUEST, "Invalid request", ex);
	}

	@ExceptionHandler(PlanLimitReachedException.class)
	ResponseEntity<ErrorBody> planLimitReached(PlanLimitReachedException ex) {
		return answer(HttpStatus.PAYMENT_REQUIRED, "Plan limit reached", ex);
	}

	@ExceptionHandler(NoNumberAvailableException.class)
	ResponseEntity<ErrorBody> noNumberAvailable(NoNumberAvailableException ex) {
		return answer(HttpStatus.SERVICE_UNAVAILABLE, "No phone number available", ex);
	}

	@ExceptionHandler(TelephonyFailedException.class)
	ResponseEntity<ErrorBody> telephonyFailed(TelephonyFailedException ex) {
		return answer(HttpStatus.BAD_GATEWAY, "Telephony provider error", ex);
	}

	private static ResponseEntity<ErrorBody> answer(HttpStatus status, String error, RuntimeException ex) {
		return ApiExceptionHandler.respond(status, new ErrorBody(error, ex.getMessage()));
	}

}
