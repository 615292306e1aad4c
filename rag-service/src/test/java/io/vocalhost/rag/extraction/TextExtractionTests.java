package io.vocalhost.rag.extraction;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.vocalhost.rag.TestDocuments;
import io.vocalhost.rag.system.RagProperties;
import io.vocalhost.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Extraction of real files made here (PDFBox and POI write them): the type from the
 * content whatever the name says, pages and headings kept, tables as lines, legacy
 * encodings, and the refusals that name the file.
 */
class TextExtractionTests {

	private final TextExtraction extraction = new TextExtraction(
			new RagProperties(null, 10, 512, 64, 3, Duration.ofSeconds(30), 1, Duration.ofMinutes(5)),
			Clock.systemUTC());

	@Test
	void aPdfIsReadPageByPageWithItsTableRowsAsLines() {
		byte[] pdf = TestDocuments
			.pdf(List.of(List.of("Prices", "Cleaning $95", "Whitening $250"), List.of("Hours", "Monday 8:00 - 18:00")));
		ExtractedDocument document = this.extraction.extract("menu.txt", pdf);
		assertThat(document.type()).isEqualTo(DocumentType.PDF);
		assertThat(document.sections()).extracting(Section::page).containsExactly(1, 2);
		assertThat(document.sections().get(0).text()).contains("Cleaning $95\nWhitening $250");
		assertThat(document.sections().get(1).text()).contains("Monday 8:00 - 18:00");
	}

	@Test
	void encryptedScannedTruncatedTooLongAndEmptyFilesAreRefusedByName() {
		assertRefused("locked.pdf", TestDocuments.encryptedPdf(List.of("Secret prices")), "encrypted");
		assertRefused("scan.pdf", TestDocuments.scannedPdf(2), "no text layer");
		byte[] pdf = TestDocuments.pdf(List.of(List.of("Prices", "Cleaning $95")));
		assertRefused("cut.pdf", java.util.Arrays.copyOf(pdf, pdf.length / 3), "not a readable PDF");
		List<List<String>> fourPages = List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
		assertRefused("long.pdf", TestDocuments.pdf(fourPages), "more than the 3 allowed");
		assertRefused("empty.md", new byte[0], "empty");
		assertRefused("blank.txt", " \n\n\t ".getBytes(StandardCharsets.UTF_8), "no text");
		assertRefused("photo.txt", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0, 1 }, "not a supported");
	}

	@Test
	void aPdfThatTakesLongerThanTheTimeLimitIsRefusedEvenWithinOnePage() {
		// Every look at this clock moves it a second on; the limit is five.
		MutableClock ticking = new MutableClock() {

			@Override
			public Instant instant() {
				advance(Duration.ofSeconds(1));
				return super.instant();
			}

		};
		TextExtraction slow = new TextExtraction(
				new RagProperties(null, 10, 512, 64, 3, Duration.ofSeconds(5), 1, Duration.ofMinutes(5)), ticking);
		List<String> lines = new ArrayList<>();
		for (int line = 1; line <= 20; line++) {
			lines.add("Treatment " + line + ": $" + (line * 10));
		}
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> slow.extract("slow.pdf", TestDocuments.pdf(List.of(lines))))
			.satisfies(
					(ex) -> assertThat(ex.body().details()).startsWith("'slow.pdf'").contains("took longer than 5 s"));
	}

	@Test
	void plainTextIsReadInUtf8Utf16AndWindows1252() {
		String text = "Café crème: 3,50 € — ouvert à 8 h";
		assertThat(plain(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
		byte[] utf16 = text.getBytes(StandardCharsets.UTF_16);
		assertThat(plain(utf16)).isEqualTo(text);
		assertThat(plain(text.getBytes(Charset.forName("windows-1252")))).isEqualTo(text);
		byte[] bom = "\uFEFFCafé".getBytes(StandardCharsets.UTF_8);
		assertThat(plain(bom)).isEqualTo("Café");
	}

	@Test
	void markdownIsStrippedToTextWithItsHeadingsAsContext() {
		String markdown = """
				# Bright Smile

				Welcome to **Bright Smile**, see [our team](https://example.com/team).

				## Prices

				| Service | Price |
				|---------|-------|
				| Cleaning | $95 |

				- Whitening: *$250*
				> Payment plans available

				```
				code stays
				```
				""";
		ExtractedDocument document = this.extraction.extract("notes.txt", markdown.getBytes(StandardCharsets.UTF_8));
		assertThat(document.type()).isEqualTo(DocumentType.MARKDOWN);
		assertThat(document.sections()).extracting(Section::heading).containsExactly("Bright Smile", "Prices");
		assertThat(document.sections().get(0).text()).isEqualTo("Welcome to Bright Smile, see our team.");
		assertThat(document.sections().get(1).text()).contains("Service | Price\nCleaning | $95")
			.contains("Whitening: $250")
			.contains("Payment plans available")
			.contains("code stays")
			.doesNotContain("**")
			.doesNotContain("---")
			.doesNotContain("```")
			.doesNotContain("> ");
	}

	@Test
	void htmlKeepsHeadingsAndTableRowsAndDropsScripts() {
		String html = """
				<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>
				<nav>Home | About</nav><h1>Opening hours</h1><p>We are open <b>six</b> days.</p>
				<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Monday</td><td>8-18</td></tr></table>
				<h2>Parking</h2><ul><li>Free parking behind the building</li></ul>
				<script>alert('no')</script></body></html>
				""";
		ExtractedDocument document = this.extraction.extract("page.md", html.getBytes(StandardCharsets.UTF_8));
		assertThat(document.type()).isEqualTo(DocumentType.HTML);
		assertThat(document.sections()).extracting(Section::heading).containsExactly("Opening hours", "Parking");
		assertThat(document.sections().get(0).text()).contains("We are open six days.")
			.contains("Day | Hours\nMonday | 8-18");
		assertThat(document.sections().get(1).text()).isEqualTo("Free parking behind the building");
		assertThat(document.sections()).noneMatch((section) -> section.text().contains("alert"))
			.noneMatch((section) -> section.text().contains("About"));
	}

	@Test
	void docxKeepsHeadingsAndTableRows() {
		Map<String, String> content = new LinkedHashMap<>();
		content.put("Insurance", "We accept Delta Dental and Aetna.");
		content.put("Prices", "All prices include tax.");
		byte[] docx = TestDocuments.docx(content, List.of(List.of("Cleaning", "$95"), List.of("Filling", "$140")));
		ExtractedDocument document = this.extraction.extract("prices.pdf", docx);
		assertThat(document.type()).isEqualTo(DocumentType.DOCX);
		assertThat(document.sections()).extracting(Section::heading).containsExactly("Insurance", "Prices");
		assertThat(document.sections().get(0).text()).isEqualTo("We accept Delta Dental and Aetna.");
		assertThat(document.sections().get(1).text()).contains("All prices include tax.")
			.contains("Cleaning | $95\nFilling | $140");
	}

	@Test
	void aZipBombOrAZipThatIsNoWordDocumentIsRefused() throws Exception {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 100; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		assertRefused("bomb.docx", bytes.toByteArray(), "not a readable Word document");
	}

	private String plain(byte[] bytes) {
		ExtractedDocument document = this.extraction.extract("a.txt", bytes);
		assertThat(document.type()).isEqualTo(DocumentType.TEXT);
		List<String> texts = new ArrayList<>();
		document.sections().forEach((section) -> texts.add(section.text()));
		return String.join("\n", texts);
	}

	private void assertRefused(String name, byte[] bytes, String reason) {
		assertThatExceptionOfType(UnreadableDocumentException.class)
			.isThrownBy(() -> this.extraction.extract(name, bytes))
			.satisfies((ex) -> assertThat(ex.body().details()).startsWith("'" + name + "'").contains(reason));
	}

}
