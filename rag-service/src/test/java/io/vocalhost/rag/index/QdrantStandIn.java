package io.vocalhost.rag.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CollectionStatus;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;

/**
 * A Qdrant server for tests where Docker is not available, speaking Qdrant's own gRPC
 * protocol (the service definitions shipped in {@code io.qdrant:client}) on a real
 * socket, so the adapter under test runs exactly as against Qdrant. It keeps collections
 * in memory and answers what rag-service asks, with Qdrant's documented semantics: exact
 * cosine search over dense vectors; dot product over sparse vectors, times the inverse
 * document frequency {@code ln(1 + (N - n + 0.5) / (n + 0.5))} when the vector's modifier
 * is {@code idf}; filters of {@code must} integer matches; the {@code api-key} header.
 * Anything else it does not understand is refused as UNIMPLEMENTED rather than answered
 * wrongly.
 */
public final class QdrantStandIn implements AutoCloseable {

	static final String VERSION = "1.16.0";

	private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

	private final Map<String, Collection> collections = new ConcurrentHashMap<>();

	private final Server server;

	public QdrantStandIn(String apiKey) {
		ServerInterceptor authentication = new ServerInterceptor() {
			@Override
			public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
					ServerCallHandler<Q, A> next) {
				if (apiKey != null && !apiKey.equals(headers.get(API_KEY))) {
					call.close(Status.UNAUTHENTICATED.withDescription("Invalid api-key"), new Metadata());
					return new ServerCall.Listener<>() {
					};
				}
				return next.startCall(call, headers);
			}
		};
		try {
			this.server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
				.addService(ServerInterceptors.intercept(new Health(), authentication))
				.addService(ServerInterceptors.intercept(new Collections(), authentication))
				.addService(ServerInterceptors.intercept(new Points(), authentication))
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.server.getPort();
	}

	/** The payload fields of the collection that have an index. */
	Set<String> indexedFields(String collection) {
		return Set.copyOf(this.collections.get(collection).indexed.keySet());
	}

	int pointCount(String collection) {
		return this.collections.get(collection).points.size();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

	private Collection collection(String name) {
		Collection collection = this.collections.get(name);
		if (collection == null) {
			throw Status.NOT_FOUND.withDescription("Collection `" + name + "` doesn't exist!").asRuntimeException();
		}
		return collection;
	}

	private static <T> void answer(StreamObserver<T> observer, java.util.function.Supplier<T> answer) {
		try {
			observer.onNext(answer.get());
			observer.onCompleted();
		}
		catch (RuntimeException ex) {
			observer.onError((ex instanceof io.grpc.StatusRuntimeException) ? ex
					: Status.INTERNAL.withDescription(ex.getMessage()).asRuntimeException());
		}
	}

	private static PointsOperationResponse completed() {
		return PointsOperationResponse.newBuilder()
			.setResult(UpdateResult.newBuilder().setStatus(UpdateStatus.Completed))
			.build();
	}

	private static RuntimeException unsupported(String what) {
		return Status.UNIMPLEMENTED.withDescription("The stand-in does not support " + what).asRuntimeException();
	}

	private final class Health extends QdrantGrpc.QdrantImplBase {

		@Override
		public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
			answer(observer,
					() -> HealthCheckReply.newBuilder().setTitle("qdrant stand-in").setVersion(VERSION).build());
		}

	}

	private final class Collections extends CollectionsGrpc.CollectionsImplBase {

		@Override
		public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
			answer(observer, () -> {
				if (QdrantStandIn.this.collections.putIfAbsent(request.getCollectionName(),
						new Collection(request)) != null) {
					throw Status.ALREADY_EXISTS
						.withDescription("Collection `" + request.getCollectionName() + "` already exists!")
						.asRuntimeException();
				}
				return CollectionOperationResponse.newBuilder().setResult(true).build();
			});
		}

		@Override
		public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
			answer(observer,
					() -> CollectionOperationResponse.newBuilder()
						.setResult(QdrantStandIn.this.collections.remove(request.getCollectionName()) != null)
						.build());
		}

		@Override
		public void collectionExists(CollectionExistsRequest request,
				StreamObserver<CollectionExistsResponse> observer) {
			answer(observer,
					() -> CollectionExistsResponse.newBuilder()
						.setResult(CollectionExists.newBuilder()
							.setExists(QdrantStandIn.this.collections.containsKey(request.getCollectionName())))
						.build());
		}

		@Override
		public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
			answer(observer, () -> {
				Collection collection = collection(request.getCollectionName());
				CreateCollection created = collection.definition;
				return GetCollectionInfoResponse.newBuilder()
					.setResult(CollectionInfo.newBuilder()
						.setStatus(CollectionStatus.Green)
						.setPointsCount(collection.points.size())
						.putAllPayloadSchema(collection.indexed)
						.setConfig(CollectionConfig.newBuilder()
							.setParams(CollectionParams.newBuilder()
								.setShardNumber(1)
								.setVectorsConfig(created.getVectorsConfig())
								.setSparseVectorsConfig(created.getSparseVectorsConfig()))
							.putAllMetadata(created.getMetadataMap())))
					.build();
			});
		}

	}

	private final class Points extends PointsGrpc.PointsImplBase {

		@Override
		public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
			answer(observer, () -> {
				Collection collection = collection(request.getCollectionName());
				request.getPointsList().forEach(collection::upsert);
				return completed();
			});
		}

		@Override
		public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
			answer(observer, () -> {
				Collection collection = collection(request.getCollectionName());
				if (!request.getPoints().hasFilter()) {
					throw unsupported("deleting points by anything but a filter");
				}
				Predicate<PointStruct> matches = matcher(request.getPoints().getFilter());
				collection.points.values().removeIf(matches);
				return completed();
			});
		}

		@Override
		public void createFieldIndex(CreateFieldIndexCollection request,
				StreamObserver<PointsOperationResponse> observer) {
			answer(observer, () -> {
				if (request.getFieldType() != FieldType.FieldTypeInteger) {
					throw unsupported("field indexes of type " + request.getFieldType());
				}
				collection(request.getCollectionName()).indexed.put(request.getFieldName(),
						PayloadSchemaInfo.newBuilder().setDataType(PayloadSchemaType.Integer).build());
				return completed();
			});
		}

		@Override
		public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
			answer(observer, () -> {
				Collection collection = collection(request.getCollectionName());
				if (request.getPrefetchCount() > 0 || !request.getQuery().hasNearest()) {
					throw unsupported("queries other than nearest");
				}
				Predicate<PointStruct> matches = request.hasFilter() ? matcher(request.getFilter()) : (point) -> true;
				var nearest = request.getQuery().getNearest();
				String using = request.getUsing();
				List<ScoredPoint> scored = new ArrayList<>();
				List<PointStruct> candidates = collection.points.values().stream().filter(matches).toList();
				if (nearest.hasDense()) {
					Distance distance = collection.definition.getVectorsConfig()
						.getParamsMap()
						.getMapOrThrow(using)
						.getDistance();
					if (distance != Distance.Cosine) {
						throw unsupported("distance " + distance);
					}
					float[] query = floats(nearest.getDense().getDataList());
					for (PointStruct point : candidates) {
						float[] vector = floats(dense(point.getVectors().getVectors().getVectorsOrThrow(using)));
						scored.add(scored(point, cosine(query, vector)));
					}
				}
				else if (nearest.hasSparse()) {
					boolean idf = collection.definition.getSparseVectorsConfig()
						.getMapOrThrow(using)
						.getModifier() == Modifier.Idf;
					SparseVector query = nearest.getSparse();
					for (PointStruct point : candidates) {
						SparseVector vector = sparse(point.getVectors().getVectors().getVectorsOrThrow(using));
						double score = 0;
						boolean overlaps = false;
						for (int i = 0; i < query.getIndicesCount(); i++) {
							int position = vector.getIndicesList().indexOf(query.getIndices(i));
							if (position >= 0) {
								overlaps = true;
								double weight = idf ? collection.idf(using, query.getIndices(i)) : 1;
								score += query.getValues(i) * vector.getValues(position) * weight;
							}
						}
						if (overlaps) {
							scored.add(scored(point, score));
						}
					}
				}
				else {
					throw unsupported("this kind of nearest query");
				}
				scored.sort(Comparator.comparingDouble(ScoredPoint::getScore).reversed());
				long limit = request.hasLimit() ? request.getLimit() : 10;
				return QueryResponse.newBuilder().addAllResult(scored.stream().limit(limit).toList()).build();
			});
		}

		private static ScoredPoint scored(PointStruct point, double score) {
			return ScoredPoint.newBuilder().setId(point.getId()).setScore((float) score).setVersion(1).build();
		}

	}

	private static Predicate<PointStruct> matcher(Filter filter) {
		if (filter.getShouldCount() > 0 || filter.getMustNotCount() > 0 || filter.hasMinShould()) {
			throw unsupported("filters other than must");
		}
		Predicate<PointStruct> all = (point) -> true;
		for (Condition condition : filter.getMustList()) {
			if (!condition.hasField() || !condition.getField().getMatch().hasInteger()) {
				throw unsupported("conditions other than an integer match");
			}
			FieldCondition field = condition.getField();
			all = all.and((point) -> {
				Value value = point.getPayloadMap().get(field.getKey());
				return value != null && value.hasIntegerValue()
						&& value.getIntegerValue() == field.getMatch().getInteger();
			});
		}
		return all;
	}

	@SuppressWarnings("deprecation")
	private static List<Float> dense(Vector vector) {
		return vector.hasDense() ? vector.getDense().getDataList() : vector.getDataList();
	}

	@SuppressWarnings("deprecation")
	private static SparseVector sparse(Vector vector) {
		if (vector.hasSparse()) {
			return vector.getSparse();
		}
		return SparseVector.newBuilder()
			.addAllValues(vector.getDataList())
			.addAllIndices(vector.getIndices().getDataList())
			.build();
	}

	private static float[] floats(List<Float> values) {
		float[] floats = new float[values.size()];
		for (int i = 0; i < floats.length; i++) {
			floats[i] = values.get(i);
		}
		return floats;
	}

	private static double cosine(float[] a, float[] b) {
		if (a.length != b.length) {
			throw Status.INVALID_ARGUMENT
				.withDescription("Wrong input: Vector dimension error: expected dim: " + b.length + ", got " + a.length)
				.asRuntimeException();
		}
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
			normA += a[i] * a[i];
			normB += b[i] * b[i];
		}
		return dot / (Math.sqrt(normA) * Math.sqrt(normB));
	}

	private static final class Collection {

		final CreateCollection definition;

		final Map<Long, PointStruct> points = new ConcurrentHashMap<>();

		final Map<String, PayloadSchemaInfo> indexed = new ConcurrentHashMap<>();

		Collection(CreateCollection definition) {
			this.definition = definition;
		}

		void upsert(PointStruct point) {
			if (!point.getId().hasNum()) {
				throw unsupported("UUID point ids");
			}
			this.definition.getVectorsConfig().getParamsMap().getMapMap().forEach((name, params) -> {
				Vector vector = point.getVectors().getVectors().getVectorsMap().get(name);
				if (vector == null || dense(vector).size() != params.getSize()) {
					throw Status.INVALID_ARGUMENT
						.withDescription("Wrong input: Vector dimension error: expected dim: " + params.getSize())
						.asRuntimeException();
				}
			});
			this.points.put(point.getId().getNum(), point);
		}

		/** Qdrant's IDF over the points that have the sparse vector. */
		double idf(String vectorName, int index) {
			long total = 0;
			long containing = 0;
			for (PointStruct point : this.points.values()) {
				Vector vector = point.getVectors().getVectors().getVectorsMap().get(vectorName);
				if (vector != null) {
					total++;
					if (sparse(vector).getIndicesList().contains(index)) {
						containing++;
					}
				}
			}
			return Math.log(1 + (total - containing + 0.5) / (containing + 0.5));
		}

	}

}
