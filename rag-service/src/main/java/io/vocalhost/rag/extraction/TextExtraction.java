package io.vocalhost.rag.extraction;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import io.vocalhost.rag.system.RagProperties;

import org.springframework.stereotype.Service;

/**
 * The text of an uploaded file. The type is found from the content, never from the file
 * name: a PDF by its header, a Word document by its ZIP header, HTML by its markup,
 * Markdown by its syntax, and anything else that decodes as text is plain text. A file
 * that yields no text is refused rather than indexed as nothing.
 */
@Service
public class TextExtraction {

	private static final Pattern HTML = Pattern
		.compile("(?is)^\\s*(<!--.*?-->\\s*)*(<!doctype\\s+html|<html|<head|<body)");

	private final RagProperties properties;

	private final Clock clock;

	TextExtraction(RagProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @throws UnreadableDocumentException (422) for an encrypted, scanned, empty, broken,
	 * binary or too large file
	 */
	public ExtractedDocument extract(String name, byte[] bytes) {
		if (bytes.length == 0) {
			throw new UnreadableDocumentException(name, "the file is empty");
		}
		ExtractedDocument document = read(name, bytes);
		if (document.sections().isEmpty()) {
			throw new UnreadableDocumentException(name, "the file has no text to index");
		}
		return document;
	}

	private ExtractedDocument read(String name, byte[] bytes) {
		if (isPdf(bytes)) {
			return new ExtractedDocument(DocumentType.PDF, PdfText.sections(name, bytes, this.properties.maxPdfPages(),
					this.properties.extractionTimeout(), this.clock));
		}
		if (PlainText.startsWith(bytes, 'P', 'K', 3, 4)) {
			return new ExtractedDocument(DocumentType.DOCX, DocxText.sections(name, bytes));
		}
		String text = PlainText.decode(bytes);
		if (PlainText.looksBinary(text)) {
			throw new UnreadableDocumentException(name,
					"not a supported document (PDF, DOCX, HTML, Markdown or plain text)");
		}
		text = PlainText.normalize(text);
		if (HTML.matcher(text).find()) {
			return new ExtractedDocument(DocumentType.HTML, HtmlText.sections(text));
		}
		if (MarkdownText.looksLikeMarkdown(text)) {
			return new ExtractedDocument(DocumentType.MARKDOWN, MarkdownText.sections(text));
		}
		return new ExtractedDocument(DocumentType.TEXT,
				text.isEmpty() ? List.of() : List.of(new Section(0, null, text)));
	}

	/** The PDF header may follow up to 1 KiB of junk, as readers allow. */
	private static boolean isPdf(byte[] bytes) {
		String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
		return head.contains("%PDF-");
	}

}
