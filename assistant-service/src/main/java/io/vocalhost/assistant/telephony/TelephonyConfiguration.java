package io.vocalhost.assistant.telephony;

import io.vocalhost.common.config.PublicUrlProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Twilio when its credentials are set, else the local pool of simulated numbers. */
@Configuration(proxyBeanMethods = false)
class TelephonyConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TelephonyConfiguration.class);

	@Bean
	PhoneNumbers phoneNumbers(TelephonyProperties properties, JdbcClient jdbc, PublicUrlProperties publicUrl) {
		if (properties.twilio().configured()) {
			logger.info("Phone numbers are bought from Twilio ({} numbers)", properties.twilio().country());
			return new TwilioPhoneNumbers(properties.twilio(), publicUrl.at("/voice/voice"),
					publicUrl.at("/sms/incoming"));
		}
		return new LocalNumberPool(jdbc, properties.localPool());
	}

}
