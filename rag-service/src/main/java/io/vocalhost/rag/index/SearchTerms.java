package io.vocalhost.rag.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How a text is cut into the terms full-text search matches, the same for every index:
 * Lucene's standard tokenizer, lower case, without the words that carry no meaning of
 * their own in a caller's question.
 */
final class SearchTerms {

	/**
	 * Words that carry no meaning of their own in a caller's question ("do you take Delta
	 * Dental?"): Lucene's classic English stop words plus pronouns, auxiliaries and
	 * question words. Left in, they make full text match any passage that asks a question
	 * back.
	 */
	private static final CharArraySet STOP_WORDS = new CharArraySet(List.of("a", "an", "and", "are", "as", "at", "be",
			"but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the",
			"their", "then", "there", "these", "they", "this", "to", "was", "will", "with", "i", "me", "my", "we", "us",
			"our", "you", "your", "he", "she", "his", "her", "its", "do", "does", "did", "can", "could", "would",
			"should", "may", "might", "have", "has", "had", "am", "been", "what", "which", "who", "whom", "how", "when",
			"where", "why", "any", "some", "there's", "what's", "i'm", "please", "tell", "about"), true);

	static final Analyzer ANALYZER = new StandardAnalyzer(STOP_WORDS);

	private SearchTerms() {
	}

	/** The text's terms in order, repeats included. */
	static List<String> of(String text) {
		List<String> terms = new ArrayList<>();
		try (TokenStream tokens = ANALYZER.tokenStream("text", text)) {
			CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				terms.add(term.toString());
			}
			tokens.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

}
