package io.vocalhost.booking.reservation;

/** No such booking of the assistant (or none that is still active). */
public class BookingNotFoundException extends RuntimeException {

	public BookingNotFoundException(String details) {
		super(details);
	}

}
