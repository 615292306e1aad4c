package io.vocalhost.rag.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.vocalhost.rag.chunking.Chunk;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Documents and their chunks in rag-service's database. */
@Component
class DocumentStore {

	private static final String COLUMNS = """
			id, assistant_id, name, type, size_bytes, sha256, status, failure, chunks_total, chunks_done, uploaded_at
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	DocumentStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * A new document being indexed, or empty when the assistant already has this file.
	 */
	Optional<Long> insertIndexing(long assistantId, String name, String type, long size, String sha256, int chunksTotal,
			Instant now) {
		return this.jdbc.sql("""
				INSERT INTO document (assistant_id, name, type, size_bytes, sha256, status, chunks_total, uploaded_at,
					heartbeat_at)
				VALUES (?, ?, ?, ?, ?, 'indexing', ?, ?, ?)
				ON CONFLICT (assistant_id, sha256) DO NOTHING RETURNING id
				""")
			.params(assistantId, name, type, size, sha256, chunksTotal, now.atOffset(ZoneOffset.UTC),
					now.atOffset(ZoneOffset.UTC))
			.query(Long.class)
			.optional();
	}

	Optional<StoredDocument> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = ?")
			.param(id)
			.query(DocumentStore::document)
			.optional();
	}

	Optional<StoredDocument> findBySha256(long assistantId, String sha256) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE assistant_id = ? AND sha256 = ?")
			.params(assistantId, sha256)
			.query(DocumentStore::document)
			.optional();
	}

	List<StoredDocument> ofAssistant(long assistantId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE assistant_id = ? ORDER BY uploaded_at, id")
			.param(assistantId)
			.query(DocumentStore::document)
			.list();
	}

	/**
	 * Documents still {@code indexing} whose last sign of progress is older than the
	 * given instant.
	 */
	List<StoredDocument> indexingWithoutProgressSince(Instant since) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM document WHERE status = 'indexing' AND heartbeat_at < ? ORDER BY id")
			.param(since.atOffset(ZoneOffset.UTC))
			.query(DocumentStore::document)
			.list();
	}

	List<StoredDocument> inStatus(String status) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE status = ? ORDER BY id")
			.param(status)
			.query(DocumentStore::document)
			.list();
	}

	/**
	 * Records the chunks done so far, and that the indexing instance is still at work.
	 */
	void progress(long id, int chunksDone, Instant now) {
		this.jdbc.sql("UPDATE document SET chunks_done = ?, heartbeat_at = ? WHERE id = ?")
			.params(chunksDone, now.atOffset(ZoneOffset.UTC), id)
			.update();
	}

	/** Stores the chunks and answers their ids, in the order of the chunks. */
	List<Long> insertChunks(long documentId, List<Chunk> chunks) {
		this.template.batchUpdate(
				"INSERT INTO chunk (document_id, ordinal, page, heading, text) VALUES (?, ?, ?, ?, ?)", chunks, 500,
				(statement, chunk) -> {
					statement.setLong(1, documentId);
					statement.setInt(2, chunk.ordinal());
					statement.setObject(3, (chunk.page() > 0) ? chunk.page() : null);
					statement.setString(4, chunk.heading());
					statement.setString(5, chunk.text());
				});
		return chunkIdsOf(documentId);
	}

	List<Long> chunkIdsOf(long documentId) {
		return this.jdbc.sql("SELECT id FROM chunk WHERE document_id = ? ORDER BY ordinal")
			.param(documentId)
			.query(Long.class)
			.list();
	}

	List<Chunk> chunksOf(long documentId) {
		return this.jdbc.sql("SELECT ordinal, page, heading, text FROM chunk WHERE document_id = ? ORDER BY ordinal")
			.param(documentId)
			.query((row, number) -> new Chunk(row.getInt("ordinal"), row.getInt("page"), row.getString("heading"),
					row.getString("text")))
			.list();
	}

	/**
	 * Marks the document ready; {@code false} when it is no longer {@code indexing}
	 * (failed meanwhile as abandoned, or deleted).
	 */
	boolean markReady(long id) {
		return this.jdbc.sql(
				"UPDATE document SET status = 'ready', chunks_done = chunks_total WHERE id = ? AND status = 'indexing'")
			.param(id)
			.update() == 1;
	}

	/** A failed document keeps its row (with the reason) and loses its chunks. */
	void markFailed(long id, String reason) {
		this.jdbc.sql("DELETE FROM chunk WHERE document_id = ?").param(id).update();
		this.jdbc.sql("UPDATE document SET status = 'failed', failure = ? WHERE id = ?").params(reason, id).update();
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM document WHERE id = ?").param(id).update();
	}

	void deleteOfAssistant(long assistantId) {
		this.jdbc.sql("DELETE FROM document WHERE assistant_id = ?").param(assistantId).update();
	}

	/**
	 * The assistant's chunks among the given ids, only of ready documents: a document
	 * being indexed or failed is never answered from.
	 */
	List<Passage> readyPassages(long assistantId, List<Long> chunkIds) {
		if (chunkIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT c.id, c.text, c.page, c.heading, d.id AS document_id, d.name FROM chunk c
				JOIN document d ON d.id = c.document_id
				WHERE c.id = ANY (?) AND d.assistant_id = ? AND d.status = 'ready'
				""")
			.params(chunkIds.toArray(Long[]::new), assistantId)
			.query((row, number) -> new Passage(row.getLong("id"), row.getLong("document_id"), row.getString("name"),
					row.getInt("page"), row.getString("heading"), row.getString("text")))
			.list();
	}

	private static StoredDocument document(ResultSet row, int number) throws SQLException {
		return new StoredDocument(row.getLong("id"), row.getLong("assistant_id"), row.getString("name"),
				row.getString("type"), row.getLong("size_bytes"), row.getString("sha256"), row.getString("status"),
				row.getString("failure"), row.getInt("chunks_total"), row.getInt("chunks_done"),
				row.getObject("uploaded_at", OffsetDateTime.class).toInstant());
	}

	/** A chunk with its document, as a search answers it. */
	record Passage(long chunkId, long documentId, String documentName, int page, String heading, String text) {
	}

}
