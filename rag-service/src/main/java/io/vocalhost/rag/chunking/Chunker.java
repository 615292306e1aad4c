package io.vocalhost.rag.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.vocalhost.rag.extraction.Section;

/**
 * Cuts sections into chunks of about {@code size} characters. A section is split on
 * paragraphs first, a paragraph that is too long on lines (so that the rows of a price
 * list or an opening-hours table stay whole), a line on sentences, a sentence on words;
 * only a single word longer than {@code size} is ever cut inside. Neighbouring pieces are
 * packed together up to {@code size}. Each chunk after the first of a section starts with
 * the last whole words (at most {@code overlap} characters) of the one before, so a chunk
 * is at most {@code size + overlap + 1} characters long. A chunk never spans two
 * sections, so it has one page and one heading.
 */
public final class Chunker {

	private static final List<Level> LEVELS = List.of(new Level(Pattern.compile("\\n\\s*\\n"), "\n\n"),
			new Level(Pattern.compile("\\n"), "\n"), new Level(Pattern.compile("(?<=[.!?])\\s+"), " "),
			new Level(Pattern.compile("\\s+"), " "));

	private final int size;

	private final int overlap;

	public Chunker(int size, int overlap) {
		if (size < 16 || overlap < 0 || overlap >= size) {
			throw new IllegalArgumentException("chunk size must be at least 16 and overlap between 0 and size");
		}
		this.size = size;
		this.overlap = overlap;
	}

	public List<Chunk> chunk(List<Section> sections) {
		List<Chunk> chunks = new ArrayList<>();
		for (Section section : sections) {
			String previous = null;
			for (String piece : pack(section.text().strip(), 0)) {
				String text = (previous != null && this.overlap > 0) ? join(tail(previous), piece) : piece;
				chunks.add(new Chunk(chunks.size(), section.page(), section.heading(), text));
				previous = piece;
			}
		}
		return chunks;
	}

	/**
	 * Pieces of at most {@code size} characters, split at the coarsest level that fits.
	 */
	private List<String> pack(String text, int level) {
		if (text.length() <= this.size) {
			return text.isEmpty() ? List.of() : List.of(text);
		}
		if (level == LEVELS.size()) {
			return hardCut(text);
		}
		Level split = LEVELS.get(level);
		List<String> pieces = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String part : split.pattern().split(text)) {
			String trimmed = part.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.length() > this.size) {
				flush(pieces, current);
				pieces.addAll(pack(trimmed, level + 1));
			}
			else if (current.isEmpty()) {
				current.append(trimmed);
			}
			else if (current.length() + split.joiner().length() + trimmed.length() <= this.size) {
				current.append(split.joiner()).append(trimmed);
			}
			else {
				flush(pieces, current);
				current.append(trimmed);
			}
		}
		flush(pieces, current);
		return pieces;
	}

	private List<String> hardCut(String word) {
		List<String> pieces = new ArrayList<>();
		for (int start = 0; start < word.length(); start += this.size) {
			pieces.add(word.substring(start, Math.min(word.length(), start + this.size)));
		}
		return pieces;
	}

	/** The last whole words of a piece, at most {@code overlap} characters. */
	private String tail(String piece) {
		if (piece.length() <= this.overlap) {
			return piece;
		}
		int start = piece.length() - this.overlap;
		while (start < piece.length() && !Character.isWhitespace(piece.charAt(start - 1))) {
			start++;
		}
		return piece.substring(start).strip();
	}

	/**
	 * In text made of lines (a table), the overlap is a line of its own: rows stay whole.
	 */
	private static String join(String tail, String piece) {
		if (tail.isEmpty()) {
			return piece;
		}
		return tail + ((piece.indexOf('\n') >= 0 || tail.indexOf('\n') >= 0) ? "\n" : " ") + piece;
	}

	private static void flush(List<String> pieces, StringBuilder current) {
		if (!current.isEmpty()) {
			pieces.add(current.toString());
			current.setLength(0);
		}
	}

	private record Level(Pattern pattern, String joiner) {
	}

}
