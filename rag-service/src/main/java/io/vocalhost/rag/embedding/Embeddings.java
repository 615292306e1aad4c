package io.vocalhost.rag.embedding;

import java.util.List;

/** Turns texts into vectors of one model; vectors of different models never mix. */
public interface Embeddings {

	/** The model's name, recorded with the index so that a change of model re-indexes. */
	String model();

	int dimension();

	/** One vector per text, in the order of the texts. */
	List<float[]> embed(List<String> texts);

}
