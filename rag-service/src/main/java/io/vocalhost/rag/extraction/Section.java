package io.vocalhost.rag.extraction;

/**
 * A stretch of a document's text that shares one page and one heading.
 *
 * @param page the page number from 1, or 0 when the format has no pages
 * @param heading the heading the text sits under, or {@code null}
 * @param text paragraphs separated by blank lines, lines kept as lines
 */
public record Section(int page, String heading, String text) {
}
