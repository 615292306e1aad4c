package io.vocalhost.assistant.telephony;

import java.net.URI;
import java.util.Iterator;

import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import io.vocalhost.common.twilio.TwilioRestClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Numbers bought from Twilio with the official SDK, their voice and SMS webhooks pointed
 * at VocalHost. Tied to the registration's transaction: a number bought for a
 * registration that rolls back is released again, and a deleted assistant's number is
 * released only once the deletion has committed.
 */
class TwilioPhoneNumbers implements PhoneNumbers {

	private static final Logger logger = LoggerFactory.getLogger(TwilioPhoneNumbers.class);

	private final TwilioRestClient client;

	private final String country;

	private final URI voiceUrl;

	private final URI smsUrl;

	TwilioPhoneNumbers(TelephonyProperties.Twilio twilio, URI voiceUrl, URI smsUrl) {
		this.client = TwilioRestClients.create(twilio.accountSid(), twilio.authToken(), twilio.apiBase());
		this.country = twilio.country();
		this.voiceUrl = voiceUrl;
		this.smsUrl = smsUrl;
	}

	@Override
	public AcquiredNumber acquire(long assistantId) {
		try {
			Iterator<Local> available = Local.reader(this.country)
				.setVoiceEnabled(true)
				.setSmsEnabled(true)
				.limit(1)
				.read(this.client)
				.iterator();
			if (!available.hasNext()) {
				throw new TelephonyFailedException(
						"Twilio has no " + this.country + " number with voice and SMS available", null);
			}
			IncomingPhoneNumber bought = IncomingPhoneNumber.creator(available.next().getPhoneNumber())
				.setVoiceUrl(this.voiceUrl)
				.setVoiceMethod(HttpMethod.POST)
				.setSmsUrl(this.smsUrl)
				.setSmsMethod(HttpMethod.POST)
				.setFriendlyName("VocalHost assistant " + assistantId)
				.create(this.client);
			String number = bought.getPhoneNumber().toString();
			releaseIfRolledBack(number);
			return new AcquiredNumber(number, false);
		}
		catch (TwilioException ex) {
			throw new TelephonyFailedException("Twilio: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void release(String number) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					releaseNow(number);
				}
			});
		}
		else {
			releaseNow(number);
		}
	}

	private void releaseIfRolledBack(String number) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						releaseNow(number);
					}
				}
			});
		}
	}

	private void releaseNow(String number) {
		try {
			for (IncomingPhoneNumber owned : IncomingPhoneNumber.reader()
				.setPhoneNumber(new PhoneNumber(number))
				.read(this.client)) {
				IncomingPhoneNumber.deleter(owned.getSid()).delete(this.client);
			}
		}
		catch (TwilioException ex) {
			logger.error("Could not release Twilio number {}; release it in the Twilio console: {}", number,
					ex.getMessage());
		}
	}

}
