package io.vocalhost.rag.index;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.vocalhost.rag.embedding.LocalEmbeddings;
import io.vocalhost.rag.index.KnowledgeIndex.Hit;
import io.vocalhost.rag.index.KnowledgeIndex.IndexedChunk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link KnowledgeIndex} must do, run against each adapter with real vectors
 * of the local model: full text finds the exact line, vectors find the paraphrase, one
 * assistant never sees another's chunks, deletes remove exactly what they name, reset
 * empties and records the model, and what was added survives reopening the index.
 */
abstract class KnowledgeIndexContractTests {

	static final String MODEL = "all-minilm-l6-v2-q:384";

	/** One model for every adapter's tests in the JVM; its threads end with it. */
	private static final LocalEmbeddings embeddings = new LocalEmbeddings(2);

	private static final AtomicLong ids = new AtomicLong(1_000);

	private static final Map<String, String> DENTIST = Map.of("prices",
			"Cleaning and polish: $95. Teeth whitening: $250.", "insurance",
			"We accept Delta Dental, Aetna and Cigna insurance.", "parking",
			"There is free parking behind the building; the entrance is from Oak Street.", "hours",
			"Opening hours: Monday to Friday 8:00 - 18:00, Saturday 9:00 - 13:00.", "plan",
			"Members of the family plan quote their plan code QX-4471 when booking.");

	KnowledgeIndex index;

	/** A new, empty index of the adapter under test. */
	abstract KnowledgeIndex open();

	/** The same index opened again, as after a restart, the old one closed. */
	abstract KnowledgeIndex reopen(KnowledgeIndex index) throws Exception;

	@BeforeEach
	void openIndex() {
		this.index = open();
		this.index.reset(MODEL, embeddings.dimension());
	}

	@AfterEach
	void closeIndex() throws Exception {
		((AutoCloseable) this.index).close();
	}

	@Test
	void fullTextFindsTheExactLine() {
		long assistant = ids.incrementAndGet();
		Map<String, Long> chunks = add(assistant, ids.incrementAndGet(), DENTIST);
		// The query's vector points at another line: only full text can put these first.
		assertThat(search(assistant, "do you take Delta Dental?", "sourdough bread").get(0))
			.isEqualTo(chunks.get("insurance"));
		assertThat(search(assistant, "QX-4471", "sourdough bread").get(0)).isEqualTo(chunks.get("plan"));
	}

	@Test
	void vectorsFindAParaphrase() {
		long assistant = ids.incrementAndGet();
		Map<String, Long> chunks = add(assistant, ids.incrementAndGet(), DENTIST);
		// Not a word in common with the parking line.
		assertThat(first(assistant, "somewhere to leave my car?")).isEqualTo(chunks.get("parking"));
	}

	@Test
	void anAssistantOnlySeesItsOwnChunks() {
		long dentist = ids.incrementAndGet();
		long bakery = ids.incrementAndGet();
		Map<String, Long> dental = add(dentist, ids.incrementAndGet(), DENTIST);
		Map<String, Long> bread = add(bakery, ids.incrementAndGet(),
				Map.of("bread", "Sourdough bread costs $6; we bake every morning from five.", "insurance",
						"We accept Delta Dental, Aetna and Cigna insurance."));
		assertThat(search(bakery, "do you take Delta Dental?")).containsOnlyElementsOf(bread.values())
			.contains(bread.get("insurance"));
		assertThat(search(dentist, "sourdough bread")).isNotEmpty().containsOnlyElementsOf(dental.values());
	}

	@Test
	void deletesRemoveExactlyWhatTheyName() {
		long assistant = ids.incrementAndGet();
		long other = ids.incrementAndGet();
		Map<String, Long> prices = add(assistant, ids.incrementAndGet(), Map.of("prices", DENTIST.get("prices")));
		Map<String, Long> parking = add(assistant, ids.incrementAndGet(), Map.of("parking", DENTIST.get("parking")));
		Map<String, Long> others = add(other, ids.incrementAndGet(), Map.of("prices", DENTIST.get("prices")));

		this.index.deleteDocument(documentOf(prices));
		assertThat(search(assistant, "how much is a cleaning?")).containsExactly(parking.get("parking"));

		this.index.deleteAssistant(assistant);
		assertThat(search(assistant, "where can I park?")).isEmpty();
		assertThat(search(other, "how much is a cleaning?")).containsExactly(others.get("prices"));
	}

	@Test
	void resetEmptiesTheIndexAndRecordsTheModel() {
		long assistant = ids.incrementAndGet();
		add(assistant, ids.incrementAndGet(), DENTIST);
		assertThat(this.index.model()).isEqualTo(MODEL);

		this.index.reset("another-model:384", embeddings.dimension());
		assertThat(this.index.model()).isEqualTo("another-model:384");
		assertThat(search(assistant, "Delta Dental")).isEmpty();
	}

	@Test
	void whatWasAddedSurvivesReopening() throws Exception {
		long assistant = ids.incrementAndGet();
		Map<String, Long> chunks = add(assistant, ids.incrementAndGet(), DENTIST);
		this.index = reopen(this.index);
		assertThat(this.index.model()).isEqualTo(MODEL);
		assertThat(first(assistant, "do you take Delta Dental?")).isEqualTo(chunks.get("insurance"));
	}

	@Test
	void aQueryWithoutWordsStillSearchesByMeaning() {
		long assistant = ids.incrementAndGet();
		add(assistant, ids.incrementAndGet(), DENTIST);
		// Only stop words: no full-text query at all, the vectors still rank.
		assertThat(search(assistant, "what do you have?")).hasSize(DENTIST.size());
	}

	private final Map<Long, Long> documents = new java.util.HashMap<>();

	/** Adds one document's chunks and answers their ids by name. */
	private Map<String, Long> add(long assistant, long document, Map<String, String> texts) {
		Map<String, Long> chunkIds = new java.util.LinkedHashMap<>();
		List<String> names = List.copyOf(texts.keySet());
		List<float[]> vectors = embeddings.embed(names.stream().map(texts::get).toList());
		List<IndexedChunk> chunks = new java.util.ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			long chunkId = ids.incrementAndGet();
			chunkIds.put(names.get(i), chunkId);
			this.documents.put(chunkId, document);
			chunks.add(new IndexedChunk(chunkId, texts.get(names.get(i)), vectors.get(i)));
		}
		this.index.add(assistant, document, chunks);
		return chunkIds;
	}

	private long documentOf(Map<String, Long> chunks) {
		return this.documents.get(chunks.values().iterator().next());
	}

	private List<Long> search(long assistant, String query) {
		return search(assistant, query, query);
	}

	/** Searches the query's words with the vector of another text. */
	private List<Long> search(long assistant, String query, String meaning) {
		return this.index.search(assistant, query, embeddings.embed(List.of(meaning)).get(0), 10)
			.stream()
			.map(Hit::chunkId)
			.toList();
	}

	private long first(long assistant, String query) {
		List<Long> found = search(assistant, query);
		assertThat(found).as(query).isNotEmpty();
		return found.get(0);
	}

}
