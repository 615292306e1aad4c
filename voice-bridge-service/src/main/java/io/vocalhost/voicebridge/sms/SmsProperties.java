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
 * @param optedOutReply the one confirmation of STOP (and the other opt-out words)
 * @param optedInReply the answer to START or UNSTOP
 * @param helpReply the answer to HELP; may name {@code {phone}}, the business phone
 * @param automaticReply the answer to any other message while the assistant cannot answer
 * texts itself
 */
@ConfigurationProperties("vocalhost.sms")
public record SmsProperties(
		@DefaultValue("{business}: your appointment is confirmed for {date} at {time}.") String bookedTemplate,
		@DefaultValue("{business}: your appointment has moved to {date} at {time}.") String rescheduledTemplate,
		@DefaultValue("{business}: your appointment on {date} at {time} is cancelled.") String cancelledTemplate,
		@DefaultValue("{business}: you are unsubscribed and will get no more messages. Reply START to subscribe again.") String optedOutReply,
		@DefaultValue("{business}: you are subscribed again. Reply STOP to unsubscribe.") String optedInReply,
		@DefaultValue("{business}: appointment messages. Call {phone} for help. Reply STOP to unsubscribe.") String helpReply,
		@DefaultValue("{business}: thank you for your message. We have passed it on and will get back to you.") String automaticReply) {
}
