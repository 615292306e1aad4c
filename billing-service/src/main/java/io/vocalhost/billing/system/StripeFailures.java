package io.vocalhost.billing.system;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.vocalhost.common.error.ApiExceptionHandler;
import io.vocalhost.common.error.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Stripe's failures as answers: Stripe refusing the request is a 400 with its message (as
 * the original API answers), Stripe unreachable or busy a 503, and Stripe refusing our
 * key or failing itself a 502.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StripeFailures {

	private static final Logger logger = LoggerFactory.getLogger(StripeFailures.class);

	@ExceptionHandler(StripeException.class)
	ResponseEntity<ErrorBody> stripe(StripeException ex) {
		if (ex instanceof ApiConnectionException || ex instanceof RateLimitException) {
			logger.warn("Stripe unavailable: {}", ex.getMessage());
			return ApiExceptionHandler.respond(HttpStatus.SERVICE_UNAVAILABLE,
					new ErrorBody("Stripe unavailable", "Stripe could not be reached; try again shortly"));
		}
		Integer status = ex.getStatusCode();
		if (ex instanceof AuthenticationException || ex instanceof PermissionException || status == null
				|| status >= 500) {
			logger.error("Stripe failed (status {}, request {}): {}", status, ex.getRequestId(), ex.getMessage());
			return ApiExceptionHandler.respond(HttpStatus.BAD_GATEWAY,
					new ErrorBody("Stripe error", "Stripe could not complete the request"));
		}
		return ApiExceptionHandler.respond(HttpStatus.BAD_REQUEST,
				new ErrorBody("Stripe error", (ex.getStripeError() != null && ex.getStripeError().getMessage() != null)
						? ex.getStripeError().getMessage() : ex.getMessage()));
	}

}
