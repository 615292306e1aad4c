package io.vocalhost.rag.extraction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown to plain text: headings become the context of the text under them, and the
 * syntax (emphasis, links, images, code fences, list and quote markers, table rules) is
 * stripped so that only what a reader sees is indexed.
 */
final class MarkdownText {

	private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern SETEXT_RULE = Pattern.compile("^ {0,3}(=+|-+)\\s*$");

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");

	private static final Pattern TABLE_RULE = Pattern
		.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");

	private static final Pattern HORIZONTAL_RULE = Pattern.compile("^ {0,3}([-*_])(\\s*\\1){2,}\\s*$");

	private static final Pattern LIST_MARKER = Pattern.compile("^(\\s*)([-*+]|\\d+[.)])\\s+");

	private static final Pattern QUOTE_MARKER = Pattern.compile("^\\s*(>\\s?)+");

	private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");

	private static final Pattern EMPHASIS = Pattern.compile("(?<!\\w)(\\*{1,3}|_{1,3})(\\S(?:.*?\\S)?)\\1(?!\\w)");

	private static final Pattern INLINE_CODE = Pattern.compile("`([^`]*)`");

	/**
	 * What makes text Markdown rather than plain: headings, links, fences or emphasis.
	 */
	private static final Pattern MARKDOWN_SIGNS = Pattern
		.compile("(?m)^ {0,3}#{1,6}\\s+\\S|\\[[^\\]]+]\\([^)]+\\)|^ {0,3}```|\\*\\*\\S[^*]*\\*\\*|^\\s*\\|.*\\|\\s*$");

	private MarkdownText() {
	}

	static boolean looksLikeMarkdown(String text) {
		return MARKDOWN_SIGNS.matcher(text).find();
	}

	static List<Section> sections(String markdown) {
		SectionWriter text = new SectionWriter();
		boolean inFence = false;
		String[] lines = markdown.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			if (FENCE.matcher(line).matches()) {
				inFence = !inFence;
				continue;
			}
			if (inFence) {
				text.append(line).append("\n");
				continue;
			}
			Matcher atx = HEADING.matcher(line);
			boolean setext = !line.isBlank() && i + 1 < lines.length && SETEXT_RULE.matcher(lines[i + 1]).matches()
					&& !LIST_MARKER.matcher(line).find();
			if (atx.matches() || setext) {
				text.heading(inline(atx.matches() ? atx.group(2) : line.strip()));
				if (setext) {
					i++;
				}
				continue;
			}
			if (TABLE_RULE.matcher(line).matches() || HORIZONTAL_RULE.matcher(line).matches()) {
				continue;
			}
			text.append(inline(line)).append("\n");
		}
		return text.sections();
	}

	private static String inline(String line) {
		String text = QUOTE_MARKER.matcher(line).replaceFirst("");
		text = LIST_MARKER.matcher(text).replaceFirst("$1");
		text = IMAGE.matcher(text).replaceAll("$1");
		text = LINK.matcher(text).replaceAll("$1");
		text = INLINE_CODE.matcher(text).replaceAll("$1");
		text = EMPHASIS.matcher(text).replaceAll("$2");
		if (text.strip().startsWith("|")) {
			text = text.strip().replaceAll("^\\|\\s*|\\s*\\|$", "").replaceAll("\\s*\\|\\s*", " | ");
		}
		return text.stripTrailing();
	}

}
