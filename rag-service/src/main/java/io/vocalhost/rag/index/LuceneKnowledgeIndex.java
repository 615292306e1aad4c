package io.vocalhost.rag.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
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

	/**
	 * Reciprocal rank fusion's damping constant, as in its paper (Cormack et al., 2009).
	 */
	private static final int RRF_K = 60;

	private static final String CHUNK = "chunk";

	private static final String ASSISTANT = "assistant";

	private static final String DOCUMENT = "document";

	private static final String TEXT = "text";

	private static final String VECTOR = "vector";

	private static final String MODEL = "model";

	/**
	 * Words that carry no meaning of their own in a caller's question ("do you take Delta
	 * Dental?"): Lucene's classic English stop words plus pronouns, auxiliaries and
	 * question words. Left in, they make full text match any passage that asks a question
	 * back.
	 */
	private static final CharArraySet STOP_WORDS = new CharArraySet(List.of("a", "an", "and", "are", "as", "at", "be",
			"but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the",
			"their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "i", "me", "my", "we", "us",
			"our", "you", "your", "he", "she", "his", "her", "its", "do", "does", "did", "can", "could", "would",
			"should", "may", "might", "have", "has", "had", "am", "been", "what", "which", "who", "whom", "how", "when",
			"where", "why", "any", "some", "there's", "what's", "i'm", "please", "tell", "about"), true);

	private final Analyzer analyzer = new StandardAnalyzer(STOP_WORDS);

	private final FSDirectory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	public LuceneKnowledgeIndex(Path directory) {
		try {
			this.directory = FSDirectory.open(directory);
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(this.analyzer));
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
		Query assistant = new TermQuery(new Term(ASSISTANT, Long.toString(assistantId)));
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				Map<Integer, Double> fused = new LinkedHashMap<>();
				Query words = words(query);
				if (words != null) {
					Query text = new BooleanQuery.Builder().add(words, Occur.MUST).add(assistant, Occur.FILTER).build();
					fuse(fused, searcher.search(text, limit).scoreDocs);
				}
				fuse(fused,
						searcher.search(new KnnFloatVectorQuery(VECTOR, vector, limit, assistant), limit).scoreDocs);
				StoredFields stored = searcher.storedFields();
				List<Hit> hits = new ArrayList<>();
				for (Map.Entry<Integer, Double> hit : fused.entrySet()) {
					long chunkId = stored.document(hit.getKey()).getField(CHUNK).numericValue().longValue();
					hits.add(new Hit(chunkId, hit.getValue()));
				}
				hits.sort((a, b) -> Double.compare(b.score(), a.score()));
				return hits.subList(0, Math.min(limit, hits.size()));
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String model() {
		return this.writer.getLiveCommitData() == null ? null : commitData().get(MODEL);
	}

	@Override
	public synchronized void reset(String model) {
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
	private Query words(String query) throws IOException {
		BooleanQuery.Builder words = new BooleanQuery.Builder();
		int count = 0;
		try (TokenStream tokens = this.analyzer.tokenStream(TEXT, query)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			while (tokens.incrementToken() && count < IndexSearcher.getMaxClauseCount()) {
				words.add(new TermQuery(new Term(TEXT, term.toString())), Occur.SHOULD);
				count++;
			}
			tokens.end();
		}
		return (count > 0) ? words.build() : null;
	}

	private static void fuse(Map<Integer, Double> fused, ScoreDoc[] ranked) {
		for (int rank = 0; rank < ranked.length; rank++) {
			fused.merge(ranked[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
		}
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
