package io.vocalhost.callsim;

import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The TwiML a voice webhook answered, as Twilio reads it: a {@code <Connect><Stream>}
 * (its URL and {@code <Parameter>}s) and the other verbs in order ({@code Say: …},
 * {@code Dial: +1…}, {@code Hangup}).
 *
 * @param streamUrl the stream to open, or {@code null} when the answer has none
 * @param parameters the stream's custom parameters
 * @param verbs every verb other than the stream, readable, in document order
 */
public record Twiml(URI streamUrl, Map<String, String> parameters, List<String> verbs) {

	public static Twiml parse(String xml) {
		Element response;
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			response = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("The webhook's answer is not TwiML: " + xml, ex);
		}
		URI stream = null;
		Map<String, String> parameters = new LinkedHashMap<>();
		List<String> verbs = new ArrayList<>();
		for (Element verb : children(response)) {
			Element streamElement = verb.getTagName().equals("Connect") ? first(verb, "Stream") : null;
			if (streamElement != null) {
				stream = URI.create(streamElement.getAttribute("url"));
				children(streamElement).stream()
					.filter((child) -> child.getTagName().equals("Parameter"))
					.forEach((child) -> parameters.put(child.getAttribute("name"), child.getAttribute("value")));
			}
			else {
				String text = verb.getTextContent().strip();
				verbs.add(text.isEmpty() ? verb.getTagName() : verb.getTagName() + ": " + text);
			}
		}
		return new Twiml(stream, Map.copyOf(parameters), List.copyOf(verbs));
	}

	public boolean connectsStream() {
		return this.streamUrl != null;
	}

	private static List<Element> children(Element parent) {
		List<Element> elements = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element) {
				elements.add(element);
			}
		}
		return elements;
	}

	private static Element first(Element parent, String tag) {
		return children(parent).stream().filter((child) -> child.getTagName().equals(tag)).findFirst().orElse(null);
	}

}
