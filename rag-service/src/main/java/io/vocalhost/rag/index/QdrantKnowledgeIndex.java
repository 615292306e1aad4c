package io.vocalhost.rag.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;

import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;

/**
 * The index on a Qdrant server: one collection for every assistant, each point a chunk
 * (its id the chunk's) with an indexed {@code assistant_id} and {@code document_id}
 * payload that every search and delete filters on. Each point carries two named vectors:
 * {@code dense}, the embedding (cosine), and {@code text}, the chunk's terms as a sparse
 * vector for full text. Qdrant computes BM25 from it: the collection applies the inverse
 * document frequency ({@code modifier: idf}) at query time, and each term's value here is
 * BM25's saturated term frequency with length normalisation. Both rankings are fused by
 * the same reciprocal rank fusion as the Lucene index, so that scores mean the same with
 * either. Everything lives in Qdrant, so any number of rag-service instances share one
 * index. The embedding model is kept in the collection's metadata.
 */
public class QdrantKnowledgeIndex implements KnowledgeIndex, AutoCloseable {

	static final String DENSE = "dense";

	static final String TEXT = "text";

	static final String ASSISTANT = "assistant_id";

	static final String DOCUMENT = "document_id";

	static final String MODEL = "model";

	/**
	 * BM25's term-frequency saturation and length normalisation, as Lucene's defaults.
	 */
	private static final double K1 = 1.2;

	private static final double B = 0.75;

	/**
	 * The average chunk length in terms that length normalisation divides by: chunks are
	 * cut to about the same size, so a constant stands in for the collection's average.
	 */
	private static final double AVERAGE_TERMS = 60;

	/** Points sent in one upsert. */
	private static final int UPSERT_BATCH = 256;

	private final QdrantClient client;

	private final String collection;

	private final Duration timeout;

	/**
	 * @param collection the collection, created at the first {@link #reset} (the
	 * dimension comes with the model)
	 * @param timeout how long one call to Qdrant may take
	 */
	public QdrantKnowledgeIndex(QdrantGrpcClient grpc, String collection, Duration timeout) {
		this.client = new QdrantClient(grpc);
		this.collection = collection;
		this.timeout = timeout;
	}

	@Override
	public void add(long assistantId, long documentId, List<IndexedChunk> chunks) {
		for (int start = 0; start < chunks.size(); start += UPSERT_BATCH) {
			List<PointStruct> points = chunks.subList(start, Math.min(chunks.size(), start + UPSERT_BATCH))
				.stream()
				.map((chunk) -> point(assistantId, documentId, chunk))
				.toList();
			call(this.client.upsertAsync(UpsertPoints.newBuilder()
				.setCollectionName(this.collection)
				.setWait(true)
				.addAllPoints(points)
				.build(), this.timeout));
		}
	}

	@Override
	public void deleteDocument(long documentId) {
		call(this.client.deleteAsync(this.collection, only(DOCUMENT, documentId), this.timeout));
	}

	@Override
	public void deleteAssistant(long assistantId) {
		call(this.client.deleteAsync(this.collection, only(ASSISTANT, assistantId), this.timeout));
	}

	@Override
	public List<Hit> search(long assistantId, String query, float[] vector, int limit) {
		Filter assistant = only(ASSISTANT, assistantId);
		List<Long> byText = List.of();
		Map<Integer, Float> terms = queryTerms(query);
		if (!terms.isEmpty()) {
			byText = ranked(QueryPoints.newBuilder()
				.setQuery(nearest(new ArrayList<>(terms.values()), new ArrayList<>(terms.keySet())))
				.setUsing(TEXT)
				.setFilter(assistant)
				.setLimit(limit));
		}
		List<Long> byVector = ranked(QueryPoints.newBuilder()
			.setQuery(nearest(vector))
			.setUsing(DENSE)
			.setFilter(assistant)
			.setLimit(limit));
		return ReciprocalRankFusion.fuse(limit, byText, byVector);
	}

	@Override
	public String model() {
		if (!call(this.client.collectionExistsAsync(this.collection, this.timeout))) {
			return null;
		}
		CollectionInfo info = call(this.client.getCollectionInfoAsync(this.collection, this.timeout));
		Value model = info.getConfig().getMetadataMap().get(MODEL);
		return (model != null) ? model.getStringValue() : null;
	}

	/**
	 * Creates the collection anew for this model: both vectors and the payload indexes.
	 */
	@Override
	public void reset(String model, int dimension) {
		if (call(this.client.collectionExistsAsync(this.collection, this.timeout))) {
			call(this.client.deleteCollectionAsync(this.collection, this.timeout));
		}
		call(this.client.createCollectionAsync(CreateCollection.newBuilder()
			.setCollectionName(this.collection)
			.setVectorsConfig(VectorsConfig.newBuilder()
				.setParamsMap(VectorParamsMap.newBuilder()
					.putMap(DENSE, VectorParams.newBuilder().setSize(dimension).setDistance(Distance.Cosine).build())))
			.setSparseVectorsConfig(SparseVectorConfig.newBuilder()
				.putMap(TEXT, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
			.putMetadata(MODEL, value(model))
			.build(), this.timeout));
		for (String field : List.of(ASSISTANT, DOCUMENT)) {
			call(this.client.createPayloadIndexAsync(this.collection, field, PayloadSchemaType.Integer, null, true,
					null, this.timeout));
		}
	}

	@Override
	public void close() {
		this.client.close();
	}

	private List<Long> ranked(QueryPoints.Builder query) {
		List<ScoredPoint> points = call(
				this.client.queryAsync(query.setCollectionName(this.collection).build(), this.timeout));
		return points.stream().map((point) -> point.getId().getNum()).toList();
	}

	private static PointStruct point(long assistantId, long documentId, IndexedChunk chunk) {
		Map<Integer, Float> terms = documentTerms(chunk.text());
		return PointStruct.newBuilder()
			.setId(id(chunk.chunkId()))
			.setVectors(namedVectors(Map.of(DENSE, vector(chunk.vector()), TEXT,
					vector(new ArrayList<>(terms.values()), new ArrayList<>(terms.keySet())))))
			.putPayload(ASSISTANT, value(assistantId))
			.putPayload(DOCUMENT, value(documentId))
			.build();
	}

	/**
	 * A chunk's terms as BM25 weighs them before the inverse document frequency:
	 * {@code tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))}.
	 */
	static Map<Integer, Float> documentTerms(String text) {
		List<String> terms = SearchTerms.of(text);
		Map<Integer, Integer> frequencies = new TreeMap<>();
		terms.forEach((term) -> frequencies.merge(termIndex(term), 1, Integer::sum));
		double norm = K1 * (1 - B + B * terms.size() / AVERAGE_TERMS);
		Map<Integer, Float> weights = new TreeMap<>();
		frequencies.forEach((index, tf) -> weights.put(index, (float) (tf * (K1 + 1) / (tf + norm))));
		return weights;
	}

	/**
	 * A query's distinct terms, each of weight 1: the score is then the sum of BM25's.
	 */
	static Map<Integer, Float> queryTerms(String query) {
		Map<Integer, Float> weights = new TreeMap<>();
		SearchTerms.of(query).forEach((term) -> weights.put(termIndex(term), 1f));
		return weights;
	}

	/**
	 * A term's dimension in the sparse vector: its hash, non-negative as Qdrant's 32-bit
	 * unsigned indices want. Two terms sharing a hash count as one, rarely enough to
	 * leave rankings alone.
	 */
	private static int termIndex(String term) {
		return term.hashCode() & Integer.MAX_VALUE;
	}

	private static Filter only(String field, long value) {
		return Filter.newBuilder().addMust(match(field, value)).build();
	}

	private <T> T call(Future<T> answer) {
		try {
			return answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IndexUnavailableException("interrupted while waiting for Qdrant", ex);
		}
		catch (ExecutionException ex) {
			throw new IndexUnavailableException("Qdrant failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw new IndexUnavailableException("Qdrant did not answer within " + this.timeout.toMillis() + " ms", ex);
		}
	}

}
