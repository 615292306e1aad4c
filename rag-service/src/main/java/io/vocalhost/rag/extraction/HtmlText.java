package io.vocalhost.rag.extraction;

import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * An HTML page's visible text: headings become the context of the blocks under them,
 * table rows become lines of cells, scripts, styles and navigation are left out.
 */
final class HtmlText {

	private static final String BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, tr, pre, dt, dd, blockquote, caption";

	private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

	private HtmlText() {
	}

	static List<Section> sections(String html) {
		Document page = Jsoup.parse(html);
		page.select("script, style, noscript, template, nav, svg").remove();
		Elements blocks = page.body().select(BLOCKS);
		SectionWriter text = new SectionWriter();
		for (Element block : blocks) {
			if (insideAnotherBlock(block)) {
				continue;
			}
			if (HEADINGS.contains(block.normalName())) {
				text.heading(block.text());
			}
			else if (block.normalName().equals("tr")) {
				text.append(String.join(" | ", block.select("> th, > td").eachText())).append("\n");
			}
			else if (block.normalName().equals("pre")) {
				text.append(block.wholeText()).append("\n\n");
			}
			else {
				text.append(block.text()).append("\n\n");
			}
		}
		List<Section> sections = text.sections();
		if (sections.isEmpty() && !page.body().text().isBlank()) {
			return List.of(new Section(0, null, page.body().text()));
		}
		return sections;
	}

	private static boolean insideAnotherBlock(Element block) {
		for (Element parent : block.parents()) {
			if (parent.is(BLOCKS)) {
				return true;
			}
		}
		return false;
	}

}
