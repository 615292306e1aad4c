package io.vocalhost.rag.document;

/**
 * A file as it was uploaded. Its name is only ever shown, never used as a path.
 */
public record Upload(String name, byte[] bytes) {

	/** The name to show: the last segment of what the client sent, without controls. */
	public static String displayName(String sent) {
		String name = (sent != null) ? sent : "";
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("\\p{Cntrl}", "").strip();
		return name.isEmpty() ? "unnamed" : (name.length() > 255) ? name.substring(0, 255) : name;
	}

}
