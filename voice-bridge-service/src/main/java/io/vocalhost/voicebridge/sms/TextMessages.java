package io.vocalhost.voicebridge.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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

	private static final String MESSAGES = """
			SELECT m.id, m.thread_id, m.direction, m.kind, m.body, m.status, m.twilio_sid, m.error_code,
				m.created_at, t.customer_phone, t.assistant_phone
			FROM sms_message m JOIN sms_thread t ON t.id = m.thread_id""";

	private static final String THREADS = """
			SELECT t.id, t.assistant_id, t.customer_phone, t.assistant_phone, t.last_message_at,
				(SELECT count(*) FROM sms_message u
					WHERE u.thread_id = t.id AND u.direction = 'inbound' AND u.read_at IS NULL) AS unread,
				(SELECT l.id FROM sms_message l WHERE l.thread_id = t.id
					ORDER BY l.created_at DESC, l.id DESC LIMIT 1) AS last_message_id
			FROM sms_thread t""";

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
	record StoredMessage(long id, @JsonProperty("thread_id") long threadId, String direction, String kind, String from,
			String to, String body, String status, @JsonProperty("twilio_sid") String twilioSid,
			@JsonProperty("error_code") Integer errorCode, @JsonProperty("created_at") Instant createdAt) {
	}

	/**
	 * A customer's thread with an assistant.
	 *
	 * @param unread the customer's messages the owner has not opened yet
	 * @param messages the whole thread, oldest first; {@code null} in a list of threads
	 */
	record SmsThread(long id, @JsonProperty("assistant_id") long assistantId,
			@JsonProperty("customer_phone") String customerPhone,
			@JsonProperty("assistant_phone") String assistantPhone,
			@JsonProperty("last_message_at") Instant lastMessageAt, int unread,
			@JsonProperty("last_message") StoredMessage lastMessage,
			@JsonInclude(JsonInclude.Include.NON_NULL) List<StoredMessage> messages) {
	}

	record SmsThreadList(List<SmsThread> threads) {
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

	/**
	 * Records Twilio's status callback of a message the bridge sent. A callback that
	 * arrives after a later one (Twilio does not promise their order) changes nothing.
	 * @return whether a message of that SID was found and changed
	 */
	@Transactional
	public boolean statusReported(String messageSid, String status, Integer errorCode) {
		Optional<String> current = this.jdbc
			.sql("SELECT status FROM sms_message WHERE twilio_sid = ? AND direction = 'outbound' FOR UPDATE")
			.param(messageSid)
			.query(String.class)
			.optional();
		if (current.isEmpty() || DeliveryStatus.progress(current.get()) > DeliveryStatus.progress(status)) {
			return false;
		}
		return this.jdbc
			.sql("UPDATE sms_message SET status = ?, error_code = COALESCE(?, error_code), status_at = ? "
					+ "WHERE twilio_sid = ?")
			.params(status, errorCode, this.clock.instant().atOffset(ZoneOffset.UTC), messageSid)
			.update() == 1;
	}

	boolean optedOut(long assistantId, String phone) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM sms_opt_out WHERE assistant_id = ? AND phone = ?)")
			.params(assistantId, phone)
			.query(Boolean.class)
			.single();
	}

	/** The messages exchanged with {@code customerPhone}, oldest first. */
	List<StoredMessage> exchangedWith(long assistantId, String customerPhone) {
		return this.jdbc
			.sql(MESSAGES + " WHERE t.assistant_id = ? AND t.customer_phone = ? ORDER BY m.created_at, m.id")
			.params(assistantId, customerPhone)
			.query(TextMessages::storedMessage)
			.list();
	}

	/**
	 * The threads of the owner's assistant, the latest message first; empty when the
	 * assistant is not the owner's.
	 */
	@Transactional(readOnly = true)
	Optional<SmsThreadList> threadsOf(long ownerId, long assistantId) {
		boolean owns = this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM assistant WHERE assistant_id = ? AND owner_id = ?)
					OR EXISTS (SELECT 1 FROM sms_thread WHERE assistant_id = ? AND owner_id = ?)
				""").params(assistantId, ownerId, assistantId, ownerId).query(Boolean.class).single();
		if (!owns) {
			return Optional.empty();
		}
		List<SmsThread> threads = this.jdbc
			.sql(THREADS + " WHERE t.owner_id = ? AND t.assistant_id = ? ORDER BY t.last_message_at DESC, t.id DESC")
			.params(ownerId, assistantId)
			.query((row, number) -> thread(row, null))
			.list();
		return Optional.of(new SmsThreadList(threads));
	}

	/**
	 * One of the owner's threads with all its messages; the customer's messages count as
	 * read from then on.
	 */
	@Transactional
	Optional<SmsThread> thread(long ownerId, long threadId) {
		Optional<Long> owned = this.jdbc.sql("SELECT id FROM sms_thread WHERE id = ? AND owner_id = ?")
			.params(threadId, ownerId)
			.query(Long.class)
			.optional();
		if (owned.isEmpty()) {
			return Optional.empty();
		}
		List<StoredMessage> messages = this.jdbc.sql(MESSAGES + " WHERE t.id = ? ORDER BY m.created_at, m.id")
			.param(threadId)
			.query(TextMessages::storedMessage)
			.list();
		SmsThread thread = this.jdbc.sql(THREADS + " WHERE t.id = ?")
			.param(threadId)
			.query((row, number) -> thread(row, messages))
			.single();
		this.jdbc
			.sql("UPDATE sms_message SET read_at = ? WHERE thread_id = ? AND direction = 'inbound' AND read_at IS NULL")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), threadId)
			.update();
		return Optional.of(thread);
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

	private SmsThread thread(ResultSet row, List<StoredMessage> messages) throws SQLException {
		long lastId = row.getLong("last_message_id");
		StoredMessage last = this.jdbc.sql(MESSAGES + " WHERE m.id = ?")
			.param(lastId)
			.query(TextMessages::storedMessage)
			.optional()
			.orElse(null);
		return new SmsThread(row.getLong("id"), row.getLong("assistant_id"), row.getString("customer_phone"),
				row.getString("assistant_phone"), row.getObject("last_message_at", OffsetDateTime.class).toInstant(),
				row.getInt("unread"), last, messages);
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
