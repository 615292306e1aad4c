package io.vocalhost.rag.extraction;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text page by page. Text is read in position order so that the rows of a table
 * of prices or hours come out as lines. Encrypted PDFs are refused even when they open
 * without a password (an owner password only restricts copying, which is what indexing
 * does), and so are PDFs without a text layer. The time limit is checked at every
 * operator of a page's content, so one huge or crafted page cannot hold the request
 * either.
 */
final class PdfText {

	private PdfText() {
	}

	static List<Section> sections(String name, byte[] bytes, int maxPages, Duration timeLimit, Clock clock) {
		Deadline deadline = new Deadline(name, clock.instant().plus(timeLimit), timeLimit, clock);
		try (PDDocument pdf = Loader.loadPDF(bytes)) {
			if (pdf.isEncrypted()) {
				throw new UnreadableDocumentException(name, "the PDF is encrypted; upload an unprotected copy");
			}
			int pages = pdf.getNumberOfPages();
			if (pages > maxPages) {
				throw new UnreadableDocumentException(name,
						"the PDF has " + pages + " pages, more than the " + maxPages + " allowed");
			}
			PDFTextStripper stripper = new DeadlineTextStripper(deadline);
			stripper.setSortByPosition(true);
			stripper.setParagraphEnd("\n\n");
			List<Section> sections = new ArrayList<>();
			for (int page = 1; page <= pages; page++) {
				deadline.check();
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				String text = PlainText.normalize(stripper.getText(pdf));
				if (!text.isEmpty()) {
					sections.add(new Section(page, null, text));
				}
			}
			if (sections.isEmpty() && pages > 0) {
				throw new UnreadableDocumentException(name,
						"the PDF has no text layer (a scan?); upload a PDF with selectable text");
			}
			return sections;
		}
		catch (InvalidPasswordException ex) {
			throw new UnreadableDocumentException(name, "the PDF is encrypted; upload an unprotected copy");
		}
		catch (IOException ex) {
			throw new UnreadableDocumentException(name, "not a readable PDF (" + ex.getMessage() + ")");
		}
	}

	/** The moment a file's extraction must be done by. */
	private record Deadline(String name, Instant at, Duration timeLimit, Clock clock) {

		void check() {
			if (this.clock.instant().isAfter(this.at)) {
				throw new UnreadableDocumentException(this.name,
						"extracting its text took longer than " + this.timeLimit.toSeconds() + " s");
			}
		}

	}

	private static final class DeadlineTextStripper extends PDFTextStripper {

		private final Deadline deadline;

		DeadlineTextStripper(Deadline deadline) {
			this.deadline = deadline;
		}

		@Override
		protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
			this.deadline.check();
			super.processOperator(operator, operands);
		}

	}

}
