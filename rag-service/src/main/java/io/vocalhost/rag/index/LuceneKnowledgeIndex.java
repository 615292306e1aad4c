package io.vocalhost.rag.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * The default index: Apache Lucene on local disk, BM25 on the text and an HNSW graph of
 * the vectors in one index, the assistant a filter on both. Each change is committed
 * before it returns, so what was added survives a restart.
 */
public class LuceneKnowledgeIndex implements KnowledgeIndex, AutoCloseable {

	private static final String CHUNK = "chunk";

	private static final String ASSISTANT = "assistant";

	private static final String DOCUMENT = "document";

	private static final String TEXT = "text";

	private static final String VECTOR = "vector";

	private static final String MODEL = "model";

	private final FSDirectory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	public LuceneKnowledgeIndex(Path directory) {
		try {
			this.directory = FSDirectory.open(directory);
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(SearchTerms.ANALYZER));
			this.searchers = new SearcherManager(this.writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the Lucene index in " + directory, ex);
		}
	}

	@Override
	public synchronized void add(long assistantId, long documentId, List<IndexedChunk> chunks) {
		List<Document> entries = new ArrayList<>(chunks.size());
		for (IndexedChunk chunk : chunks) {
			Document entry = new Document();
			entry.add(new StoredField(CHUNK, chunk.chunkId()));
			entry.add(new StringField(ASSISTANT, Long.toString(assistantId), Field.Store.NO));
			entry.add(new StringField(DOCUMENT, Long.toString(documentId), Field.Store.NO));
			entry.add(new TextField(TEXT, chunk.text(), Field.Store.NO));
			entry.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
			entries.add(entry);
		}
		change(() -> this.writer.addDocuments(entries));
	}

	@Override
	public synchronized void deleteDocument(long documentId) {
		change(() -> this.writer.deleteDocuments(new Term(DOCUMENT, Long.toString(documentId))));
	}

	@Override
	public synchronized void deleteAssistant(long assistantId) {
		change(() -> this.writer.deleteDocuments(new Term(ASSISTANT, Long.toString(assistantId))));
	}

	@Override
	public List<Hit> search(long assistantId, String query, float[] vector, int limit) {
		return ReciprocalRankFusion.fuse(limit, byText(assistantId, query, limit),
				byVector(assistantId, vector, limit));
	}

	/** The assistant's chunks by BM25 on the query's words, best first. */
	List<Long> byText(long assistantId, String query, int limit) {
		Query words = words(query);
		if (words == null) {
			return List.of();
		}
		return ranked(
				new BooleanQuery.Builder().add(words, Occur.MUST).add(assistant(assistantId), Occur.FILTER).build(),
				limit);
	}

	/** The assistant's chunks by vector similarity (HNSW), best first. */
	List<Long> byVector(long assistantId, float[] vector, int limit) {
		return ranked(new KnnFloatVectorQuery(VECTOR, vector, limit, assistant(assistantId)), limit);
	}

	private List<Long> ranked(Query query, int limit) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return chunkIds(searcher, searcher.search(query, limit).scoreDocs);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Query assistant(long assistantId) {
		return new TermQuery(new Term(ASSISTANT, Long.toString(assistantId)));
	}

	@Override
	public String model() {
		return this.writer.getLiveCommitData() == null ? null : commitData().get(MODEL);
	}

	@Override
	public synchronized void reset(String model, int dimension) {
		change(() -> {
			this.writer.deleteAll();
			this.writer.setLiveCommitData(Map.of(MODEL, model).entrySet());
		});
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.close();
		this.directory.close();
	}

	private Map<String, String> commitData() {
		Map<String, String> data = new LinkedHashMap<>();
		this.writer.getLiveCommitData().forEach((entry) -> data.put(entry.getKey(), entry.getValue()));
		return data;
	}

	/** The query's words, any of which may match; {@code null} when it has none. */
	private static Query words(String query) {
		List<String> terms = SearchTerms.of(query);
		if (terms.isEmpty()) {
			return null;
		}
		BooleanQuery.Builder words = new BooleanQuery.Builder();
		terms.stream()
			.distinct()
			.limit(IndexSearcher.getMaxClauseCount())
			.forEach((term) -> words.add(new TermQuery(new Term(TEXT, term)), Occur.SHOULD));
		return words.build();
	}

	private static List<Long> chunkIds(IndexSearcher searcher, ScoreDoc[] ranked) throws IOException {
		StoredFields stored = searcher.storedFields();
		List<Long> chunkIds = new ArrayList<>(ranked.length);
		for (ScoreDoc hit : ranked) {
			chunkIds.add(stored.document(hit.doc).getField(CHUNK).numericValue().longValue());
		}
		return chunkIds;
	}

	private void change(IndexChange change) {
		try {
			change.apply();
			this.writer.commit();
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface IndexChange {

		void apply() throws IOException;

	}

}
