package io.vocalhost.rag.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.vocalhost.rag.TestAssistants;
import io.vocalhost.rag.TestDocuments;
import io.vocalhost.rag.chunking.Chunk;
import io.vocalhost.rag.chunking.Chunker;
import io.vocalhost.rag.document.Documents;
import io.vocalhost.rag.document.IndexedFiles;
import io.vocalhost.rag.document.Upload;
import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.extraction.TextExtraction;
import io.vocalhost.rag.index.KnowledgeIndex.IndexedChunk;
import io.vocalhost.rag.index.LuceneKnowledgeIndex;
import io.vocalhost.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The figures of docs/benchmarks.md (not a test: its name keeps it out of the build; run
 * it with {@code -Dtest=RagBenchmark}): a generated 100-page PDF indexed end to end
 * against the raw throughput of the embedding model on the same chunks, and search
 * latency on Lucene at 1k, 10k and 100k chunks across 100 assistants (random vectors and
 * words: latency does not depend on what they mean).
 */
@SpringBootTest
@RealInfrastructure
class RagBenchmark {

	@Autowired
	Documents documents;

	@Autowired
	Embeddings embeddings;

	@Autowired
	TextExtraction extraction;

	@Autowired
	JdbcClient jdbc;

	@Test
	void indexesAHundredPagePdf() {
		byte[] pdf = TestDocuments.pdf(hundredPages());
		long owner = 1;
		long assistant = 900_000 + new Random().nextInt(100_000);
		TestAssistants.created(this.jdbc, assistant, owner);

		List<Chunk> chunks = new Chunker(512, 64).chunk(this.extraction.extract("bench.pdf", pdf).sections());
		List<String> texts = chunks.stream().map(Chunk::searchableText).toList();
		this.embeddings.embed(texts.subList(0, 32));
		long rawStart = System.nanoTime();
		this.embeddings.embed(texts);
		double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

		long start = System.nanoTime();
		IndexedFiles indexed = this.documents.index(owner, assistant, List.of(new Upload("bench.pdf", pdf)));
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(
				"BENCH indexing: 100 pages, %d chunks, end to end %.1f s (%.1f chunks/s); "
						+ "raw model on the same chunks %.1f s (%.1f chunks/s); end to end at %.0f %% of the model%n",
				indexed.indexed(), seconds, indexed.indexed() / seconds, rawSeconds, texts.size() / rawSeconds,
				100 * rawSeconds / seconds);
	}

	@Test
	void searchLatencyAcrossAHundredAssistants() throws Exception {
		Random random = new Random(7);
		Path directory = Files.createTempDirectory("rag-bench");
		try (LuceneKnowledgeIndex index = new LuceneKnowledgeIndex(directory)) {
			index.reset("bench:384");
			int total = 0;
			long id = 0;
			for (int target : List.of(1_000, 10_000, 100_000)) {
				while (total < target) {
					int batch = Math.min(5_000, target - total);
					for (int assistant = 0; assistant < 100; assistant++) {
						List<IndexedChunk> entries = new ArrayList<>();
						for (int i = 0; i < batch / 100; i++) {
							entries.add(new IndexedChunk(++id, words(random), vector(random)));
						}
						index.add(assistant, assistant, entries);
					}
					total += batch;
				}
				// The first 500 queries warm the JIT and the page cache and are not
				// counted.
				long[] nanos = new long[2_000];
				for (int i = -500; i < nanos.length; i++) {
					String query = words(random).substring(0, 40);
					float[] vector = vector(random);
					long start = System.nanoTime();
					index.search(random.nextInt(100), query, vector, 20);
					if (i >= 0) {
						nanos[i] = System.nanoTime() - start;
					}
				}
				Arrays.sort(nanos);
				System.out.printf("BENCH search at %d chunks: p50 %.2f ms, p99 %.2f ms (hybrid, k=20, %d queries)%n",
						total, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6, nanos.length);
			}
		}
	}

	private static List<List<String>> hundredPages() {
		List<List<String>> pages = new ArrayList<>();
		for (int page = 1; page <= 100; page++) {
			List<String> lines = new ArrayList<>();
			lines.add("Section " + page + ": services and prices");
			for (int line = 1; line <= 40; line++) {
				lines.add("Service " + page + "." + line + " includes consultation and follow-up, price $" + (line * 7)
						+ ", duration " + (15 + line) + " minutes.");
			}
			pages.add(lines);
		}
		return pages;
	}

	private static final String[] VOCABULARY = ("cleaning whitening filling crown implant braces parking insurance "
			+ "delta dental aetna cigna monday tuesday saturday sunday hours price children emergency appointment "
			+ "cancel reschedule card cash payment plan xray checkup hygienist dentist orthodontist")
		.split(" ");

	private static String words(Random random) {
		StringBuilder text = new StringBuilder();
		while (text.length() < 400) {
			text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(' ');
		}
		return text.toString();
	}

	private static float[] vector(Random random) {
		float[] vector = new float[384];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) random.nextGaussian();
		}
		return vector;
	}

}
