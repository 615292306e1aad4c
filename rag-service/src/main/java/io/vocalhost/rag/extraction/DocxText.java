package io.vocalhost.rag.extraction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A Word document's text: paragraphs styled as headings become the context of what
 * follows them, table rows become lines of cells. POI refuses archives that inflate
 * suspiciously (a zip bomb) or whose entries are larger than {@link #MAX_ENTRY_BYTES}.
 */
final class DocxText {

	static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;

	static {
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
	}

	private DocxText() {
	}

	static List<Section> sections(String name, byte[] bytes) {
		try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes))) {
			SectionWriter text = new SectionWriter();
			for (IBodyElement element : docx.getBodyElements()) {
				if (element instanceof XWPFParagraph paragraph) {
					String style = (paragraph.getStyleID() != null) ? paragraph.getStyleID() : "";
					if (style.startsWith("Heading") || style.equals("Title")) {
						text.heading(paragraph.getText().strip());
					}
					else if (!paragraph.getText().isBlank()) {
						text.append(paragraph.getText()).append("\n\n");
					}
				}
				else if (element instanceof XWPFTable table) {
					for (XWPFTableRow row : table.getRows()) {
						text.append(String.join(" | ",
								row.getTableCells().stream().map(XWPFTableCell::getText).map(String::strip).toList()))
							.append("\n");
					}
					text.append("\n");
				}
			}
			return text.sections();
		}
		catch (IOException | RuntimeException ex) {
			throw new UnreadableDocumentException(name,
					"not a readable Word document, or one that inflates beyond the limits (" + ex.getMessage() + ")");
		}
	}

}
