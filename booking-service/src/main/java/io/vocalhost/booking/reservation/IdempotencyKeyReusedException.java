package io.vocalhost.booking.reservation;

/** An idempotency key sent again with a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

	public IdempotencyKeyReusedException(String details) {
		super(details);
	}

}
