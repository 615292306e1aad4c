package io.vocalhost.rag.document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.vocalhost.common.text.Sha256;
import io.vocalhost.rag.chunking.Chunk;
import io.vocalhost.rag.chunking.Chunker;
import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.extraction.ExtractedDocument;
import io.vocalhost.rag.extraction.TextExtraction;
import io.vocalhost.rag.index.KnowledgeIndex;
import io.vocalhost.rag.index.KnowledgeIndex.IndexedChunk;
import io.vocalhost.rag.replica.AssistantOwners;
import io.vocalhost.rag.system.RagProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents of assistants: extracted, chunked, embedded and indexed, all or nothing. A
 * document is searchable only once its row says {@code ready}, which is written after
 * every chunk is in the database and every vector in the index; a failure on the way
 * marks it {@code failed} with the reason and removes what was added. A document whose
 * instance crashed mid-way is found by its heartbeat (progress recorded at every batch):
 * once it has shown none for {@code RAG_INDEXING_STALE_AFTER}, it is failed the same way,
 * at start-up and every minute, while documents that other live instances are indexing
 * are left alone. At start-up the index is also rebuilt from the database when it holds
 * another model's vectors (or was lost).
 */
@Service
public class Documents implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(Documents.class);

	/** Texts embedded between two progress updates. */
	private static final int EMBEDDING_BATCH = 64;

	private static final String ABANDONED = "indexing was interrupted (a restart or a crash); upload the file again";

	private final DocumentStore store;

	private final AssistantOwners owners;

	private final TextExtraction extraction;

	private final Chunker chunker;

	private final Embeddings embeddings;

	private final KnowledgeIndex index;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration staleAfter;

	Documents(DocumentStore store, AssistantOwners owners, TextExtraction extraction, RagProperties properties,
			Embeddings embeddings, KnowledgeIndex index, TransactionTemplate transactions, Clock clock) {
		this.store = store;
		this.owners = owners;
		this.extraction = extraction;
		this.chunker = new Chunker(properties.chunkSize(), properties.chunkOverlap());
		this.embeddings = embeddings;
		this.index = index;
		this.transactions = transactions;
		this.clock = clock;
		this.staleAfter = properties.indexingStaleAfter();
	}

	/**
	 * Indexes the owner's files for one of their assistants. Every file is read first:
	 * one that cannot be indexed refuses the whole upload (422 naming it) before anything
	 * is stored. A file the assistant already has (same SHA-256) is not indexed again.
	 */
	public IndexedFiles index(long ownerId, long assistantId, List<Upload> files) {
		this.owners.requireOwned(assistantId, ownerId);
		List<Prepared> prepared = files.stream().map(this::prepare).toList();
		int indexed = 0;
		List<DocumentView> documents = new ArrayList<>();
		List<String> duplicates = new ArrayList<>();
		for (Prepared file : prepared) {
			Optional<StoredDocument> existing = this.store.findBySha256(assistantId, file.sha256())
				.filter((document) -> !document.status().equals(StoredDocument.FAILED));
			StoredDocument document = existing.orElseGet(() -> store(assistantId, file));
			if (existing.isPresent()) {
				duplicates.add(file.upload().name());
			}
			if (document.status().equals(StoredDocument.READY)) {
				indexed += document.chunksTotal();
			}
			documents.add(DocumentView.of(document));
		}
		return new IndexedFiles(indexed, documents, duplicates);
	}

	public List<DocumentView> of(long ownerId, long assistantId) {
		this.owners.requireOwned(assistantId, ownerId);
		return this.store.ofAssistant(assistantId).stream().map(DocumentView::of).toList();
	}

	/** Removes the document, its chunks and its vectors; someone else's answers 404. */
	public void delete(long ownerId, long documentId) {
		StoredDocument document = this.store.find(documentId)
			.filter((found) -> this.owners.isOwned(found.assistantId(), ownerId))
			.orElseThrow(() -> new DocumentNotFoundException(documentId));
		this.index.deleteDocument(document.id());
		this.store.delete(document.id());
	}

	/**
	 * Removes everything of a deleted assistant. Runs in the listener's transaction; the
	 * index is emptied first, so a failure leaves the database to be purged on
	 * redelivery.
	 */
	public void deleteAssistant(long assistantId) {
		this.index.deleteAssistant(assistantId);
		this.store.deleteOfAssistant(assistantId);
	}

	@Override
	public void run(ApplicationArguments args) {
		failAbandoned();
		String model = modelOfIndex();
		if (!model.equals(this.index.model())) {
			rebuild(model);
		}
	}

	/** Fails the documents whose indexing instance stopped showing progress. */
	@Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
	public void failAbandoned() {
		for (StoredDocument abandoned : this.store
			.indexingWithoutProgressSince(this.clock.instant().minus(this.staleAfter))) {
			logger.warn("Document {} ('{}') made no progress for {}; failing it", abandoned.id(), abandoned.name(),
					this.staleAfter);
			fail(abandoned.id(), ABANDONED);
		}
	}

	private Prepared prepare(Upload upload) {
		ExtractedDocument document = this.extraction.extract(upload.name(), upload.bytes());
		return new Prepared(upload, document, Sha256.hex(upload.bytes()), this.chunker.chunk(document.sections()));
	}

	private StoredDocument store(long assistantId, Prepared file) {
		this.store.findBySha256(assistantId, file.sha256()).ifPresent((failed) -> {
			this.index.deleteDocument(failed.id());
			this.store.delete(failed.id());
		});
		Optional<Long> inserted = this.store.insertIndexing(assistantId, file.upload().name(),
				file.document().type().wireName(), file.upload().bytes().length, file.sha256(), file.chunks().size(),
				this.clock.instant());
		if (inserted.isEmpty()) {
			// Uploaded at the same moment by another request, which indexes it.
			return this.store.findBySha256(assistantId, file.sha256()).orElseThrow();
		}
		long id = inserted.get();
		try {
			List<float[]> vectors = embed(id, file.chunks());
			List<Long> chunkIds = this.transactions.execute((status) -> this.store.insertChunks(id, file.chunks()));
			this.index.add(assistantId, id, entries(chunkIds, file.chunks(), vectors));
			if (!this.store.markReady(id)) {
				// Failed as abandoned (or deleted) meanwhile: what was added must go.
				fail(id, ABANDONED);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Indexing document {} ('{}') failed", id, file.upload().name(), ex);
			fail(id, "indexing failed: " + ex.getMessage());
		}
		return this.store.find(id).orElseThrow();
	}

	/** Embeds in batches, recording the progress after each. */
	private List<float[]> embed(long documentId, List<Chunk> chunks) {
		List<float[]> vectors = new ArrayList<>(chunks.size());
		for (int start = 0; start < chunks.size(); start += EMBEDDING_BATCH) {
			List<Chunk> batch = chunks.subList(start, Math.min(chunks.size(), start + EMBEDDING_BATCH));
			vectors.addAll(this.embeddings.embed(batch.stream().map(Chunk::searchableText).toList()));
			this.store.progress(documentId, vectors.size(), this.clock.instant());
		}
		return vectors;
	}

	private void fail(long documentId, String reason) {
		this.index.deleteDocument(documentId);
		this.transactions.executeWithoutResult((status) -> this.store.markFailed(documentId, reason));
	}

	private String modelOfIndex() {
		return this.embeddings.model() + ":" + this.embeddings.dimension();
	}

	/** Re-embeds every ready document's chunks into an emptied index. */
	private void rebuild(String model) {
		List<StoredDocument> ready = this.store.inStatus(StoredDocument.READY);
		logger.info("Rebuilding the search index for {} ({} documents; it held {})", model, ready.size(),
				this.index.model());
		this.index.reset(model, this.embeddings.dimension());
		for (StoredDocument document : ready) {
			List<Chunk> chunks = this.store.chunksOf(document.id());
			List<Long> ids = this.store.chunkIdsOf(document.id());
			List<float[]> vectors = this.embeddings.embed(chunks.stream().map(Chunk::searchableText).toList());
			this.index.add(document.assistantId(), document.id(), entries(ids, chunks, vectors));
		}
	}

	private static List<IndexedChunk> entries(List<Long> ids, List<Chunk> chunks, List<float[]> vectors) {
		List<IndexedChunk> entries = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			entries.add(new IndexedChunk(ids.get(i), chunks.get(i).searchableText(), vectors.get(i)));
		}
		return entries;
	}

	private record Prepared(Upload upload, ExtractedDocument document, String sha256, List<Chunk> chunks) {
	}

}
