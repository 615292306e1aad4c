package io.vocalhost.rag.extraction;

/** The formats whose text can be extracted, as they are named on the wire. */
public enum DocumentType {

	PDF("pdf"), DOCX("docx"), HTML("html"), MARKDOWN("md"), TEXT("txt");

	private final String wireName;

	DocumentType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

}
