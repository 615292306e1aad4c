package io.vocalhost.rag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Real documents for the tests, written by PDFBox and POI. */
public final class TestDocuments {

	private TestDocuments() {
	}

	/** A PDF with one page per entry, each line of it a line of text. */
	public static byte[] pdf(List<List<String>> pages) {
		try (PDDocument pdf = new PDDocument()) {
			write(pdf, pages);
			return bytes(pdf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PDF protected by an owner password only: it opens without one. */
	public static byte[] encryptedPdf(List<String> lines) {
		try (PDDocument pdf = new PDDocument()) {
			write(pdf, List.of(lines));
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "", new AccessPermission());
			policy.setEncryptionKeyLength(128);
			pdf.protect(policy);
			return bytes(pdf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A PDF whose pages hold only drawings, as a scan holds only images: no text layer.
	 */
	public static byte[] scannedPdf(int pages) {
		try (PDDocument pdf = new PDDocument()) {
			for (int i = 0; i < pages; i++) {
				PDPage page = new PDPage();
				pdf.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
					content.addRect(50, 50, 400, 600);
					content.fill();
				}
			}
			return bytes(pdf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Word document: headings (style Heading1) with their paragraphs, then a table. */
	public static byte[] docx(Map<String, String> headingsAndParagraphs, List<List<String>> table) {
		try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			headingsAndParagraphs.forEach((heading, paragraph) -> {
				var title = docx.createParagraph();
				title.setStyle("Heading1");
				title.createRun().setText(heading);
				docx.createParagraph().createRun().setText(paragraph);
			});
			if (!table.isEmpty()) {
				XWPFTable cells = docx.createTable(table.size(), table.get(0).size());
				for (int row = 0; row < table.size(); row++) {
					for (int column = 0; column < table.get(row).size(); column++) {
						cells.getRow(row).getCell(column).setText(table.get(row).get(column));
					}
				}
			}
			docx.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(PDDocument pdf, List<List<String>> pages) throws IOException {
		PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		for (List<String> lines : pages) {
			PDPage page = new PDPage();
			pdf.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
				content.beginText();
				content.setFont(font, 11);
				content.setLeading(14);
				content.newLineAtOffset(50, 720);
				for (String line : lines) {
					content.showText(line);
					content.newLine();
				}
				content.endText();
			}
		}
	}

	private static byte[] bytes(PDDocument pdf) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		pdf.save(out);
		return out.toByteArray();
	}

}
