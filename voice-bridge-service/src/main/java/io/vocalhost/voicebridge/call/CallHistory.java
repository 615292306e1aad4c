package io.vocalhost.voicebridge.call;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.voicebridge.call.CallViews.CallDetails;
import io.vocalhost.voicebridge.call.CallViews.CallPage;
import io.vocalhost.voicebridge.call.CallViews.CallSummary;
import io.vocalhost.voicebridge.call.CallViews.Message;
import io.vocalhost.voicebridge.call.CallViews.ToolCallView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An owner's calls and their transcripts, for the calls API. Another owner's call or
 * assistant is not found, never refused, so that its existence does not show.
 */
@Component
class CallHistory {

	private static final String SUMMARY = """
			SELECT c.id, c.assistant_id, c.caller, c.called_number, c.started_at, c.answered_at, c.ended_at,
				COALESCE(c.duration_seconds, floor(EXTRACT(EPOCH FROM (c.ended_at - c.started_at)))::int) AS duration,
				c.end_reason, c.twilio_status, c.summary
			FROM call c""";

	/** The day of a call, in its assistant's zone (UTC once the assistant is gone). */
	private static final String LOCAL_DAY = "(c.started_at AT TIME ZONE COALESCE(a.time_zone, 'UTC'))::date";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	CallHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the page, or empty when the query names an assistant that is not the
	 * owner's
	 */
	@Transactional(readOnly = true)
	Optional<CallPage> page(long ownerId, CallQuery query) {
		Long assistantId = query.assistant();
		if (assistantId != null && !ownsAssistant(ownerId, assistantId)) {
			return Optional.empty();
		}
		StringBuilder where = new StringBuilder(
				" LEFT JOIN assistant a ON a.assistant_id = c.assistant_id WHERE c.owner_id = ?");
		List<Object> params = new ArrayList<>(List.of(ownerId));
		if (assistantId != null) {
			where.append(" AND c.assistant_id = ?");
			params.add(assistantId);
		}
		if (query.startDate() != null) {
			where.append(" AND ").append(LOCAL_DAY).append(" >= ?");
			params.add(LocalDate.parse(query.startDate().trim()));
		}
		if (query.endDate() != null) {
			where.append(" AND ").append(LOCAL_DAY).append(" <= ?");
			params.add(LocalDate.parse(query.endDate().trim()));
		}
		long total = this.jdbc.sql("SELECT count(*) FROM call c" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.sizeOrDefault());
		pageParams.add((long) query.pageOrFirst() * query.sizeOrDefault());
		List<CallSummary> calls = this.jdbc.sql(SUMMARY + where + " ORDER BY c.started_at DESC, c.id LIMIT ? OFFSET ?")
			.params(pageParams)
			.query(CallHistory::summary)
			.list();
		return Optional.of(new CallPage(calls, query.pageOrFirst(), query.sizeOrDefault(), total));
	}

	@Transactional(readOnly = true)
	Optional<CallDetails> find(long ownerId, UUID callId) {
		return this.jdbc.sql(SUMMARY + " WHERE c.id = ? AND c.owner_id = ?")
			.params(callId, ownerId)
			.query(CallHistory::summary)
			.optional()
			.map((call) -> new CallDetails(call, messages(callId), toolCalls(callId)));
	}

	boolean ownsAssistant(long ownerId, long assistantId) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM assistant WHERE assistant_id = ? AND owner_id = ?)
					OR EXISTS (SELECT 1 FROM call WHERE assistant_id = ? AND owner_id = ?)
				""").params(assistantId, ownerId, assistantId, ownerId).query(Boolean.class).single();
	}

	private List<Message> messages(UUID callId) {
		return this.jdbc.sql("SELECT seq, role, text, at FROM call_message WHERE call_id = ? ORDER BY seq")
			.param(callId)
			.query((row, number) -> new Message(row.getInt("seq"), row.getString("role"), row.getString("text"),
					instant(row, "at")))
			.list();
	}

	private List<ToolCallView> toolCalls(UUID callId) {
		return this.jdbc
			.sql("SELECT seq, name, arguments, output, at, took_ms FROM call_tool_call WHERE call_id = ? ORDER BY seq")
			.param(callId)
			.query((row, number) -> new ToolCallView(row.getInt("seq"), row.getString("name"),
					jsonOrText(row.getString("arguments")), jsonOrText(row.getString("output")), instant(row, "at"),
					row.getLong("took_ms")))
			.list();
	}

	/** Stored JSON as JSON; what the model sent that was not JSON, as a string. */
	private static JsonNode jsonOrText(String stored) {
		try {
			return json.readTree(stored);
		}
		catch (JacksonException ex) {
			return JsonNodeFactory.instance.stringNode(stored);
		}
	}

	private static CallSummary summary(ResultSet row, int number) throws SQLException {
		return new CallSummary(row.getObject("id", UUID.class), (Long) row.getObject("assistant_id"),
				row.getString("caller"), row.getString("called_number"), instant(row, "started_at"),
				instant(row, "answered_at"), instant(row, "ended_at"), (Integer) row.getObject("duration"),
				row.getString("end_reason"), row.getString("twilio_status"), row.getString("summary"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
