package io.vocalhost.voicebridge.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.twilio.TwilioMessages;
import io.vocalhost.voicebridge.twilio.TwilioMessages.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that sends text messages, and their store: each message is kept in the
 * thread of its customer and assistant. A message is stored in the caller's transaction
 * and handed to Twilio only after that commits, so an effect applied once (an event, a
 * webhook) sends once, and a rolled-back one sends nothing. Without a Twilio account it
 * is stored as {@code simulated} and nothing leaves the machine.
 */
@Component
public class TextMessages {

	private static final Logger log = LoggerFactory.getLogger(TextMessages.class);

	private final JdbcClient jdbc;

	private final TwilioMessages twilio;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	TextMessages(JdbcClient jdbc, TwilioMessages twilio, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.twilio = twilio;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * A message as stored.
	 *
	 * @param direction {@code outbound} or {@code inbound}
	 * @param kind what it is, e.g. {@code booked}, {@code rescheduled}, {@code cancelled}
	 * @param errorCode Twilio's error code of a failed message
	 */
	record StoredMessage(long id, long threadId, String direction, String kind, String from, String to, String body,
			String status, String twilioSid, Integer errorCode, Instant createdAt) {
	}

	/**
	 * Sends {@code body} from the assistant's number to {@code customerPhone} once the
	 * current transaction commits. Nothing is stored or sent when the assistant has no
	 * number or the customer has opted out of its messages.
	 * @return whether a message was stored
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean send(AssistantReplica assistant, String customerPhone, String kind, String body) {
		if (assistant.twilioNumber() == null || assistant.twilioNumber().isBlank()) {
			log.info("Assistant {} has no number: its {} message is not sent", assistant.assistantId(), kind);
			return false;
		}
		if (optedOut(assistant.assistantId(), customerPhone)) {
			log.info("Assistant {}: {} opted out, its {} message is not sent", assistant.assistantId(), customerPhone,
					kind);
			return false;
		}
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		long threadId = thread(assistant, customerPhone, now);
		String status = this.twilio.configured() ? "pending" : "simulated";
		long messageId = this.jdbc.sql("""
				INSERT INTO sms_message (thread_id, direction, kind, body, status, created_at, status_at)
				VALUES (?, 'outbound', ?, ?, ?, ?, ?) RETURNING id
				""").params(threadId, kind, body, status, now, now).query(Long.class).single();
		if (this.twilio.configured()) {
			String from = assistant.twilioNumber();
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					deliver(messageId, from, customerPhone, body);
				}
			});
		}
		return true;
	}

	/** Stores a customer's message in their thread, unread by the business. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void received(AssistantReplica assistant, String customerPhone, String messageSid, String body) {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		long threadId = thread(assistant, customerPhone, now);
		this.jdbc.sql("""
				INSERT INTO sms_message (thread_id, direction, kind, body, status, twilio_sid, created_at, status_at)
				VALUES (?, 'inbound', 'customer', ?, 'received', ?, ?, ?)
				""").params(threadId, body, messageSid, now, now).update();
	}

	boolean optedOut(long assistantId, String phone) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM sms_opt_out WHERE assistant_id = ? AND phone = ?)")
			.params(assistantId, phone)
			.query(Boolean.class)
			.single();
	}

	/** The messages exchanged with {@code customerPhone}, oldest first. */
	List<StoredMessage> exchangedWith(long assistantId, String customerPhone) {
		return this.jdbc.sql("""
				SELECT m.id, m.thread_id, m.direction, m.kind, m.body, m.status, m.twilio_sid, m.error_code,
					m.created_at, t.customer_phone, t.assistant_phone
				FROM sms_message m JOIN sms_thread t ON t.id = m.thread_id
				WHERE t.assistant_id = ? AND t.customer_phone = ? ORDER BY m.created_at, m.id
				""").params(assistantId, customerPhone).query(TextMessages::storedMessage).list();
	}

	private long thread(AssistantReplica assistant, String customerPhone, OffsetDateTime now) {
		return this.jdbc
			.sql("""
					INSERT INTO sms_thread (assistant_id, owner_id, customer_phone, assistant_phone, created_at, last_message_at)
					VALUES (?, ?, ?, ?, ?, ?)
					ON CONFLICT (assistant_id, customer_phone) DO UPDATE SET last_message_at = EXCLUDED.last_message_at,
						assistant_phone = EXCLUDED.assistant_phone
					RETURNING id
					""")
			.params(assistant.assistantId(), assistant.ownerId(), customerPhone, assistant.twilioNumber(), now, now)
			.query(Long.class)
			.single();
	}

	/**
	 * Runs after the commit of the message: its own transaction records Twilio's answer.
	 */
	private void deliver(long messageId, String from, String to, String body) {
		Outcome outcome;
		try {
			outcome = this.twilio.send(from, to, body);
		}
		catch (RuntimeException ex) {
			log.warn("Text message {} could not be handed to Twilio: {}", messageId, ex.toString());
			outcome = new Outcome(null, "failed", null);
		}
		if (outcome.sid() == null) {
			log.warn("Text message {} to {} was refused by Twilio (error {})", messageId, to, outcome.errorCode());
		}
		Outcome recorded = outcome;
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql("UPDATE sms_message SET status = ?, twilio_sid = ?, error_code = ?, status_at = ? WHERE id = ?")
			.params(recorded.status(), recorded.sid(), recorded.errorCode(),
					this.clock.instant().atOffset(ZoneOffset.UTC), messageId)
			.update());
	}

	private static StoredMessage storedMessage(ResultSet row, int number) throws SQLException {
		boolean outbound = "outbound".equals(row.getString("direction"));
		String customer = row.getString("customer_phone");
		String assistant = row.getString("assistant_phone");
		return new StoredMessage(row.getLong("id"), row.getLong("thread_id"), row.getString("direction"),
				row.getString("kind"), outbound ? assistant : customer, outbound ? customer : assistant,
				row.getString("body"), row.getString("status"), row.getString("twilio_sid"),
				row.getObject("error_code", Integer.class),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
