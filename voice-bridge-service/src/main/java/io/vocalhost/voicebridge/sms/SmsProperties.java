package io.vocalhost.voicebridge.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The text messages' settings ({@code vocalhost.sms.*}). A template may name
 * {@code {business}}, {@code {date}} (e.g. {@code Tue 14 Jan}) and {@code {time}}
 * ({@code 10:00}), both in the business's time zone.
 *
 * @param bookedTemplate the confirmation of a new booking
 * @param rescheduledTemplate a booking moved to another time (the new one)
 * @param cancelledTemplate a booking cancelled (its time)
 */
@ConfigurationProperties("vocalhost.sms")
public record SmsProperties(
		@DefaultValue("{business}: your appointment is confirmed for {date} at {time}.") String bookedTemplate,
		@DefaultValue("{business}: your appointment has moved to {date} at {time}.") String rescheduledTemplate,
		@DefaultValue("{business}: your appointment on {date} at {time} is cancelled.") String cancelledTemplate) {
}
