package io.vocalhost.rag.extraction;

import java.util.ArrayList;
import java.util.List;

/** Collects text under the current heading; a new heading starts a new section. */
final class SectionWriter {

	private final List<Section> sections = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private String heading;

	void heading(String heading) {
		flush();
		this.heading = heading;
	}

	SectionWriter append(String text) {
		this.text.append(text);
		return this;
	}

	List<Section> sections() {
		flush();
		return this.sections;
	}

	private void flush() {
		String body = PlainText.normalize(this.text.toString());
		if (!body.isEmpty()) {
			this.sections.add(new Section(0, this.heading, body));
		}
		this.text.setLength(0);
	}

}
