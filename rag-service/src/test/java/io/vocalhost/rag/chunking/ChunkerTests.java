package io.vocalhost.rag.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.vocalhost.rag.extraction.Section;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chunk boundaries: paragraphs, then lines, then sentences, then words, never inside a
 * word; sizes within the limit; the overlap repeats whole words; page and heading kept.
 */
class ChunkerTests {

	private final Chunker chunker = new Chunker(120, 30);

	@Test
	void shortParagraphsArePackedAndEachChunkKnowsItsPageAndHeading() {
		List<Chunk> chunks = this.chunker.chunk(List.of(new Section(3, "Prices", "Cleaning $95.\n\nFilling $140."),
				new Section(4, null, "Open Monday to Friday.")));
		assertThat(chunks).extracting(Chunk::text)
			.containsExactly("Cleaning $95.\n\nFilling $140.", "Open Monday to Friday.");
		assertThat(chunks).extracting(Chunk::page).containsExactly(3, 4);
		assertThat(chunks).extracting(Chunk::heading).containsExactly("Prices", null);
		assertThat(chunks).extracting(Chunk::ordinal).containsExactly(0, 1);
		assertThat(chunks.get(0).searchableText()).isEqualTo("Prices\nCleaning $95.\n\nFilling $140.");
	}

	@Test
	void aLongTableIsCutBetweenItsLines() {
		List<String> rows = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			rows.add("Service number " + i + " ........ $" + (i * 10));
		}
		List<Chunk> chunks = this.chunker.chunk(List.of(new Section(1, null, String.join("\n", rows))));
		assertThat(chunks).hasSizeGreaterThan(1);
		Set<String> whole = chunks.stream()
			.flatMap((chunk) -> chunk.text().lines())
			.map(String::strip)
			.collect(Collectors.toSet());
		assertThat(whole).containsAll(rows);
	}

	@Test
	void randomTextIsNeverCutInsideAWordAndStaysWithinTheLimit() {
		Random random = new Random(42);
		List<String> words = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 2000; i++) {
			String word = randomWord(random);
			words.add(word);
			text.append(word);
			int gap = random.nextInt(20);
			text.append((gap == 0) ? "\n\n" : (gap == 1) ? "\n" : (gap == 2) ? ". " : " ");
		}
		Set<String> vocabulary = Set.copyOf(words);
		List<Chunk> chunks = this.chunker.chunk(List.of(new Section(0, null, text.toString())));
		for (Chunk chunk : chunks) {
			assertThat(chunk.text().length()).isLessThanOrEqualTo(120 + 30 + 1);
			for (String token : chunk.text().split("[\\s.]+")) {
				if (!token.isEmpty()) {
					assertThat(vocabulary).as("'%s' in %s", token, chunk.text()).contains(token);
				}
			}
		}
		String joined = chunks.stream().map(Chunk::text).collect(Collectors.joining(" "));
		assertThat(joined.split("[\\s.]+")).contains(words.get(0), words.get(words.size() - 1));
	}

	@Test
	void eachChunkAfterTheFirstRepeatsTheLastWordsOfTheOneBefore() {
		String sentence = "The practice is open from eight in the morning until six in the evening on weekdays.";
		List<Chunk> chunks = this.chunker
			.chunk(List.of(new Section(0, null, sentence + " " + sentence + " " + sentence)));
		assertThat(chunks).hasSizeGreaterThan(1);
		for (int i = 1; i < chunks.size(); i++) {
			String previous = chunks.get(i - 1).text();
			String overlap = chunks.get(i).text().substring(0, chunks.get(i).text().indexOf(" The practice"));
			assertThat(overlap.length()).isLessThanOrEqualTo(30);
			assertThat(previous).endsWith(overlap);
		}
	}

	@Test
	void onlyAWordLongerThanTheLimitIsCut() {
		String word = "x".repeat(300);
		List<Chunk> chunks = new Chunker(120, 0).chunk(List.of(new Section(0, null, "before " + word + " after")));
		assertThat(chunks).extracting(Chunk::text)
			.containsExactly("before", "x".repeat(120), "x".repeat(120), "x".repeat(60), "after");
	}

	private static String randomWord(Random random) {
		int length = 1 + random.nextInt(12);
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < length; i++) {
			word.append((char) ('a' + random.nextInt(26)));
		}
		return word.toString();
	}

}
