package io.vocalhost.rag.extraction;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text: a byte-order mark names the encoding; without one, text that is valid
 * UTF-8 is UTF-8, and anything else is read as Windows-1252 (the legacy encoding of most
 * Western office files, a superset of ISO-8859-1's printable characters).
 */
final class PlainText {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private PlainText() {
	}

	static String decode(byte[] bytes) {
		if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
			return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
		}
		if (startsWith(bytes, 0xFE, 0xFF)) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
		}
		if (startsWith(bytes, 0xFF, 0xFE)) {
			return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return new String(bytes, WINDOWS_1252);
		}
	}

	/** Control characters other than line breaks and tabs mean binary content. */
	static boolean looksBinary(String text) {
		int control = 0;
		int sample = Math.min(text.length(), 8192);
		for (int i = 0; i < sample; i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return true;
			}
			if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
				control++;
			}
		}
		return control > sample / 100;
	}

	/** Line breaks as {@code \n}, trailing spaces and runs of blank lines removed. */
	static String normalize(String text) {
		return text.replace("\r\n", "\n")
			.replace('\r', '\n')
			.replace('\f', '\n')
			.replaceAll("[ \\t]+\\n", "\n")
			.replaceAll("\\n{3,}", "\n\n")
			.strip();
	}

	static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
