package io.vocalhost.common.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Database failures as answers: a database that cannot be reached is a failure of a
 * dependency, not of the request (503, or 504 for a query that timed out), so clients
 * know to try again; a change a constraint refuses conflicts with stored data (409).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DataAccessExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(DataAccessExceptionHandler.class);

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class })
	ResponseEntity<ErrorBody> unavailable(Exception ex) {
		logger.warn("Database unavailable: {}", ex.getMessage());
		return ApiExceptionHandler.respond(HttpStatus.SERVICE_UNAVAILABLE,
				new ErrorBody("Service unavailable", "The database is not reachable; try again shortly"));
	}

	/**
	 * A unique or other constraint refused the change: it conflicts with what is stored.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ErrorBody> conflict(DataIntegrityViolationException ex) {
		logger.info("Change refused by a database constraint: {}", ex.getMostSpecificCause().getMessage());
		return ApiExceptionHandler.respond(HttpStatus.CONFLICT,
				new ErrorBody("Conflict", "The change conflicts with data that already exists"));
	}

	@ExceptionHandler(QueryTimeoutException.class)
	ResponseEntity<ErrorBody> timedOut(QueryTimeoutException ex) {
		logger.warn("Database query timed out: {}", ex.getMessage());
		return ApiExceptionHandler.respond(HttpStatus.GATEWAY_TIMEOUT,
				new ErrorBody("Gateway timeout", "The database did not answer in time; try again shortly"));
	}

}
