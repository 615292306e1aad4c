package io.vocalhost.booking.reservation;

/** Another booking or another call's hold already takes the time. */
public class SlotTakenException extends RuntimeException {

	public SlotTakenException(String details) {
		super(details);
	}

}
