package io.vocalhost.rag.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import io.vocalhost.rag.TestAssistants;
import io.vocalhost.rag.TestDocuments;
import io.vocalhost.rag.chunking.Chunk;
import io.vocalhost.rag.chunking.Chunker;
import io.vocalhost.rag.document.Documents;
import io.vocalhost.rag.document.IndexedFiles;
import io.vocalhost.rag.document.Upload;
import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.extraction.TextExtraction;
import io.vocalhost.rag.index.KnowledgeIndex.Hit;
import io.vocalhost.rag.index.KnowledgeIndex.IndexedChunk;
import io.vocalhost.rag.system.RagProperties;
import io.vocalhost.testsupport.RealInfrastructure;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The figures of docs/benchmarks.md for rag-service; not a test (its name keeps it out of
 * the build), run by {@code deploy/local/benchmark-rag.sh}. Each line it prints starts
 * with {@code BENCH}.
 * <ol>
 * <li>A generated 100-page PDF indexed end to end through {@link Documents} (extraction,
 * chunking, local embeddings, PostgreSQL, Lucene), against the raw throughput of the same
 * model on the same chunk texts in the same run: three rounds, each the model alone then
 * the whole path (for a new assistant, so the file is not a duplicate), since the load of
 * a shared machine moves from one minute to the next.</li>
 * <li>Search latency on the Lucene index at 1k, 10k and 100k chunks across 100
 * assistants: hybrid, and each of its two rankings alone. These chunks are written into
 * the index directly with random unit vectors and words drawn by Zipf's law from a
 * vocabulary of 5,000, not embedded (embedding 100k chunks takes about 25 minutes here);
 * latency does not depend on what they mean. The query's embedding is not part of it
 * either (measured in part 1).</li>
 * <li>recall@3 of vector-only, BM25-only and hybrid ranking on a small labelled set over
 * a sample dental practice's passages: alone, and among the 100-page PDF's chunks as
 * distractors of the same assistant.</li>
 * </ol>
 * Sizes can be lowered for a quick look: {@code -Dbench.pages=}, {@code -Dbench.sizes=}.
 */
@SpringBootTest
@RealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RagBenchmark {

	private static final int ASSISTANTS = 100;

	private static final int QUERIES = 1_000;

	private static final int WARM_UP_QUERIES = 300;

	private static final int ROUNDS = 3;

	private static final long DISTRACTOR_IDS = 1_000_000;

	@Autowired
	Documents documents;

	@Autowired
	Embeddings embeddings;

	@Autowired
	TextExtraction extraction;

	@Autowired
	RagProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	@Order(1)
	void indexesAHundredPagePdfEndToEnd() {
		int pageCount = Integer.getInteger("bench.pages", 100);
		byte[] pdf = TestDocuments.pdf(pages(pageCount));
		long owner = 1;
		List<String> texts = chunkTexts(pdf);
		System.out.printf("BENCH load before indexing: %s%n", loadAverage());
		this.embeddings.embed(texts.subList(0, Math.min(64, texts.size())));
		List<Double> rawRates = new ArrayList<>();
		List<Double> endToEndRates = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			long rawStart = System.nanoTime();
			this.embeddings.embed(texts);
			double rawSeconds = seconds(rawStart);

			long assistant = 900_000 + new Random().nextInt(100_000);
			TestAssistants.created(this.jdbc, assistant, owner);
			long start = System.nanoTime();
			IndexedFiles indexed = this.documents.index(owner, assistant, List.of(new Upload("bench.pdf", pdf)));
			double endToEnd = seconds(start);
			rawRates.add(texts.size() / rawSeconds);
			endToEndRates.add(indexed.indexed() / endToEnd);
			System.out.printf(
					"BENCH indexing round %d: %d pages (%d KB), %d chunks; end to end %.1f s = %.1f chunks/s; "
							+ "raw model on the same %d texts %.1f s = %.1f chunks/s; end to end at %.0f %% of the "
							+ "model; load %s%n",
					round, pageCount, pdf.length / 1024, indexed.indexed(), endToEnd, indexed.indexed() / endToEnd,
					texts.size(), rawSeconds, texts.size() / rawSeconds,
					100 * endToEndRates.getLast() / rawRates.getLast(), loadAverage());
		}
		System.out.printf(
				"BENCH indexing median of %d rounds: end to end %.1f chunks/s, raw model %.1f chunks/s, "
						+ "%.0f %% (%d embedding threads, %d cores)%n",
				ROUNDS, median(endToEndRates), median(rawRates), 100 * median(endToEndRates) / median(rawRates),
				this.properties.embeddingParallelism(), Runtime.getRuntime().availableProcessors());
		long queryStart = System.nanoTime();
		for (int i = 0; i < 50; i++) {
			this.embeddings.embed(List.of("how much is a cleaning " + i));
		}
		System.out.printf("BENCH query embedding: %.1f ms each (mean of 50)%n", seconds(queryStart) * 1000 / 50);
	}

	@Test
	@Order(2)
	void searchLatencyAcrossAHundredAssistants() throws IOException {
		List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000,100000").split(","))
			.map(Integer::valueOf)
			.toList();
		Random random = new Random(7);
		ZipfWords words = new ZipfWords(5_000);
		Path directory = Files.createTempDirectory("rag-bench");
		try (LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(directory)) {
			index.reset("bench:384", 384);
			int total = 0;
			long chunkId = 0;
			for (int size : sizes) {
				long insertStart = System.nanoTime();
				int added = size - total;
				// One document per assistant per round: an upload of many chunks, as in
				// use.
				for (int assistant = 0; assistant < ASSISTANTS; assistant++) {
					List<IndexedChunk> chunks = new ArrayList<>();
					for (int i = 0; i < added / ASSISTANTS; i++) {
						chunks.add(new IndexedChunk(++chunkId, words.draw(random, 80), unitVector(random)));
					}
					index.add(assistant, chunkId, chunks);
				}
				total = size;
				double insertSeconds = seconds(insertStart);
				Map<String, long[]> nanos = new LinkedHashMap<>();
				nanos.put("hybrid", new long[QUERIES]);
				nanos.put("BM25 only", new long[QUERIES]);
				nanos.put("vector only", new long[QUERIES]);
				for (int i = -WARM_UP_QUERIES; i < QUERIES; i++) {
					String query = words.draw(random, 6);
					float[] vector = unitVector(random);
					long assistant = random.nextInt(ASSISTANTS);
					long start = System.nanoTime();
					List<Hit> hits = index.search(assistant, query, vector, 20);
					long hybrid = System.nanoTime();
					index.byText(assistant, query, 20);
					long text = System.nanoTime();
					index.byVector(assistant, vector, 20);
					long end = System.nanoTime();
					if (i >= 0) {
						nanos.get("hybrid")[i] = hybrid - start;
						nanos.get("BM25 only")[i] = text - hybrid;
						nanos.get("vector only")[i] = end - text;
					}
					if (hits.isEmpty()) {
						throw new IllegalStateException("a search found nothing");
					}
				}
				for (Map.Entry<String, long[]> ranking : nanos.entrySet()) {
					long[] sorted = ranking.getValue();
					Arrays.sort(sorted);
					System.out.printf(
							"BENCH search at %d chunks (%d assistants), %s: p50 %.2f ms, p99 %.2f ms, "
									+ "max %.2f ms (20 candidates, %d queries after %d warm-up)%n",
							total, ASSISTANTS, ranking.getKey(), sorted[QUERIES / 2] / 1e6,
							sorted[QUERIES * 99 / 100] / 1e6, sorted[QUERIES - 1] / 1e6, QUERIES, WARM_UP_QUERIES);
				}
				System.out.printf("BENCH   %d chunks added in %.1f s (%d segments); load %s%n", added, insertSeconds,
						segmentCount(directory), loadAverage());
			}
		}
	}

	@Test
	@Order(3)
	void recallAtThreeOnALabelledSet() throws IOException {
		List<String> keys = List.copyOf(SampleBusiness.PASSAGES.keySet());
		List<String> passages = keys.stream().map(SampleBusiness.PASSAGES::get).toList();
		List<String> distractors = chunkTexts(TestDocuments.pdf(pages(Integer.getInteger("bench.pages", 100))));
		List<float[]> vectors = this.embeddings.embed(passages);
		List<float[]> distractorVectors = this.embeddings.embed(distractors);
		for (boolean withDistractors : List.of(false, true)) {
			Path directory = Files.createTempDirectory("rag-recall");
			try (LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(directory)) {
				index.reset("bench", this.embeddings.dimension());
				List<IndexedChunk> chunks = new ArrayList<>();
				for (int i = 0; i < passages.size(); i++) {
					chunks.add(new IndexedChunk(i, passages.get(i), vectors.get(i)));
				}
				if (withDistractors) {
					for (int i = 0; i < distractors.size(); i++) {
						chunks.add(new IndexedChunk(DISTRACTOR_IDS + i, distractors.get(i), distractorVectors.get(i)));
					}
				}
				index.add(1, 1, chunks);
				recall(index, keys, withDistractors
						? "among the " + distractors.size() + " chunks of the " + "generated PDF" : "alone");
			}
		}
	}

	private void recall(LuceneKnowledgeIndex index, List<String> keys, String corpus) {
		Map<String, Function<String, List<Long>>> rankings = new LinkedHashMap<>();
		rankings.put("vector-only", (question) -> index.byVector(1, embed(question), 3));
		rankings.put("BM25-only", (question) -> index.byText(1, question, 3));
		rankings.put("hybrid",
				(question) -> index.search(1, question, embed(question), 3).stream().map(Hit::chunkId).toList());
		StringBuilder misses = new StringBuilder();
		for (Map.Entry<String, Function<String, List<Long>>> ranking : rankings.entrySet()) {
			int found = 0;
			for (Map.Entry<String, String> question : SampleBusiness.QUESTIONS.entrySet()) {
				long expected = keys.indexOf(question.getValue());
				if (ranking.getValue().apply(question.getKey()).contains(expected)) {
					found++;
				}
				else {
					misses.append(String.format("BENCH   %s missed: \"%s\" (%s)%n", ranking.getKey(), question.getKey(),
							question.getValue()));
				}
			}
			System.out.printf("BENCH recall@3 %s, %d labelled passages %s: %d of %d = %.2f%n", ranking.getKey(),
					keys.size(), corpus, found, SampleBusiness.QUESTIONS.size(),
					(double) found / SampleBusiness.QUESTIONS.size());
		}
		System.out.print(misses);
	}

	private float[] embed(String text) {
		return this.embeddings.embed(List.of(text)).get(0);
	}

	private List<String> chunkTexts(byte[] pdf) {
		return new Chunker(this.properties.chunkSize(), this.properties.chunkOverlap())
			.chunk(this.extraction.extract("bench.pdf", pdf).sections())
			.stream()
			.map(Chunk::searchableText)
			.toList();
	}

	/** Pages of a price list and policies, about 2,000 characters each, as a real one. */
	private static List<List<String>> pages(int count) {
		List<List<String>> pages = new ArrayList<>();
		for (int page = 1; page <= count; page++) {
			List<String> lines = new ArrayList<>();
			lines.add("Section " + page + ": treatments, prices and policies");
			for (int line = 1; line <= 24; line++) {
				lines.add("Treatment " + page + "." + line + " includes a consultation and a follow-up visit, price $"
						+ (line * 7 + page) + ", about " + (15 + line) + " minutes.");
			}
			pages.add(lines);
		}
		return pages;
	}

	/**
	 * Words as text has them: the word of rank r drawn with a probability in proportion
	 * to 1/r (Zipf's law), so that a few words are in most chunks and most words in few.
	 */
	private static final class ZipfWords {

		private final double[] cumulative;

		ZipfWords(int vocabulary) {
			this.cumulative = new double[vocabulary];
			double sum = 0;
			for (int rank = 1; rank <= vocabulary; rank++) {
				sum += 1.0 / rank;
				this.cumulative[rank - 1] = sum;
			}
		}

		String draw(Random random, int count) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < count; i++) {
				int found = Arrays.binarySearch(this.cumulative,
						random.nextDouble() * this.cumulative[this.cumulative.length - 1]);
				text.append('w').append((found >= 0) ? found : -found - 1).append(' ');
			}
			return text.toString();
		}

	}

	/** Lucene searches each segment of the index in turn. */
	private static int segmentCount(Path directory) throws IOException {
		try (FSDirectory opened = FSDirectory.open(directory)) {
			return SegmentInfos.readLatestCommit(opened).size();
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static float[] unitVector(Random random) {
		float[] vector = new float[384];
		double norm = 0;
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < vector.length; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
