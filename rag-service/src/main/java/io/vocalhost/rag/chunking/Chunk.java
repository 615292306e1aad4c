package io.vocalhost.rag.chunking;

/**
 * A passage of a document as it is indexed and answered.
 *
 * @param ordinal its place in the document, from 0
 * @param page the page it comes from, or 0 when the format has no pages
 * @param heading the heading it sits under, or {@code null}
 */
public record Chunk(int ordinal, int page, String heading, String text) {

	/** What is embedded and searched: the heading gives the passage its context. */
	public String searchableText() {
		return (this.heading != null) ? this.heading + "\n" + this.text : this.text;
	}

}
