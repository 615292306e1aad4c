package io.vocalhost.rag.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.embedding.LocalEmbeddings;
import io.vocalhost.rag.extraction.TextExtraction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Reads a small PDF and embeds a sentence (with the local model; a remote one is not
 * called for this) before the service reports ready: PDFBox's font set-up and the model's
 * first inference take seconds, which the first registration with a document would
 * otherwise wait for, beyond the gateway's timeout.
 */
@Component
class Warmup implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(Warmup.class);

	private final TextExtraction extraction;

	private final Embeddings embeddings;

	Warmup(TextExtraction extraction, Embeddings embeddings) {
		this.extraction = extraction;
		this.embeddings = embeddings;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		this.extraction.extract("warm-up.pdf", onePagePdf("Opening hours: Monday to Friday, 9 to 5."));
		if (this.embeddings instanceof LocalEmbeddings) {
			this.embeddings.embed(List.of("Opening hours: Monday to Friday, 9 to 5."));
		}
		logger.info("Warmed up PDF extraction and embeddings in {} ms", (System.nanoTime() - start) / 1_000_000);
	}

	private static byte[] onePagePdf(String text) {
		try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			pdf.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
				content.newLineAtOffset(50, 700);
				content.showText(text);
				content.endText();
			}
			pdf.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
