package io.vocalhost.voicebridge.sms;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vocalhost.common.messaging.ProcessedEvents;
import io.vocalhost.common.web.RequestValues;
import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.assistant.Assistants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's text to an assistant's number: stored in their thread, then answered. The
 * carriers' keywords (a message that is only the word) opt the phone out of or back into
 * the assistant's messages, or ask for help; any other message is kept for the business
 * and answered politely, since the assistant does not answer texts itself yet. Answers go
 * out as text messages through {@link TextMessages}, so a phone that opted out gets none.
 */
@Component
public class IncomingTexts {

	private static final Logger log = LoggerFactory.getLogger(IncomingTexts.class);

	private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

	private static final Set<String> OPT_IN = Set.of("START", "UNSTOP");

	/** Twilio's own limit of a message body. */
	static final int MAX_BODY = 1600;

	private final Assistants assistants;

	private final TextMessages messages;

	private final ProcessedEvents processedEvents;

	private final SmsProperties properties;

	private final JdbcClient jdbc;

	private final Clock clock;

	IncomingTexts(Assistants assistants, TextMessages messages, ProcessedEvents processedEvents,
			SmsProperties properties, JdbcClient jdbc, Clock clock) {
		this.assistants = assistants;
		this.messages = messages;
		this.processedEvents = processedEvents;
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Handles Twilio's form of an incoming message once per {@code MessageSid}.
	 * @throws io.vocalhost.common.error.ApiException 400 for a form that is not a message
	 */
	@Transactional
	public void received(Map<String, String> form) {
		String messageSid = required(form, "MessageSid");
		String from = required(form, "From");
		String to = required(form, "To");
		String body = form.getOrDefault("Body", "");
		if (!from.matches("\\+[1-9]\\d{1,14}")) {
			throw RequestValues.invalid("From", "must be a phone number in E.164 form, e.g. +15551234567");
		}
		if (body.length() > MAX_BODY) {
			throw RequestValues.invalid("Body", "must be at most " + MAX_BODY + " characters");
		}
		AssistantReplica assistant = this.assistants.byNumber(to).orElse(null);
		if (assistant == null) {
			log.warn("Text {} to {}: no assistant has this number, ignored", messageSid, to);
			return;
		}
		if (!this.processedEvents.markProcessed("twilio", messageSid)) {
			return;
		}
		this.messages.received(assistant, from, messageSid, body);
		String keyword = body.strip().toUpperCase(Locale.ROOT);
		if (OPT_OUT.contains(keyword)) {
			// Confirmed before the opt-out is recorded, so only the first STOP is
			// answered.
			reply(assistant, from, "opted-out", this.properties.optedOutReply());
			this.jdbc
				.sql("INSERT INTO sms_opt_out (assistant_id, phone, opted_out_at) VALUES (?, ?, ?) "
						+ "ON CONFLICT DO NOTHING")
				.params(assistant.assistantId(), from, this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
		else if (OPT_IN.contains(keyword)) {
			this.jdbc.sql("DELETE FROM sms_opt_out WHERE assistant_id = ? AND phone = ?")
				.params(assistant.assistantId(), from)
				.update();
			reply(assistant, from, "opted-in", this.properties.optedInReply());
		}
		else if ("HELP".equals(keyword) || "INFO".equals(keyword)) {
			reply(assistant, from, "help", this.properties.helpReply());
		}
		else {
			reply(assistant, from, "automatic-reply", this.properties.automaticReply());
		}
	}

	private void reply(AssistantReplica assistant, String to, String kind, String template) {
		String phone = (assistant.businessPhone() != null) ? assistant.businessPhone() : assistant.twilioNumber();
		this.messages.send(assistant, to, kind,
				template.replace("{business}", assistant.businessName()).replace("{phone}", phone));
	}

	private static String required(Map<String, String> form, String field) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			throw RequestValues.invalid(field, "is required");
		}
		return value.strip();
	}

}
