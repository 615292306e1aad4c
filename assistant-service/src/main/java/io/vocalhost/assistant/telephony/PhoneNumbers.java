package io.vocalhost.assistant.telephony;

/**
 * Where assistants' phone numbers come from: Twilio in production, a local pool of
 * simulated numbers otherwise. Acquiring and releasing happen inside the registration's
 * transaction.
 */
public interface PhoneNumbers {

	AcquiredNumber acquire(long assistantId);

	void release(String number);

	/**
	 * @param simulated whether the number is from the local pool and cannot take real
	 * calls
	 */
	record AcquiredNumber(String number, boolean simulated) {
	}

}
