package io.vocalhost.rag.document;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vocalhost.rag.document.DocumentStore.Passage;
import io.vocalhost.rag.embedding.Embeddings;
import io.vocalhost.rag.index.KnowledgeIndex;
import io.vocalhost.rag.index.KnowledgeIndex.Hit;
import io.vocalhost.rag.replica.AssistantOwners;

import org.springframework.stereotype.Service;

/**
 * Hybrid search over one assistant's ready documents: the index ranks by full text and by
 * meaning, the database answers the passages (and drops any of a document that is not
 * ready, or not this assistant's).
 */
@Service
public class KnowledgeSearch {

	/**
	 * Candidates asked of the index for each result wanted, so that dropped ones are
	 * replaced.
	 */
	private static final int CANDIDATES_PER_RESULT = 4;

	private final Embeddings embeddings;

	private final KnowledgeIndex index;

	private final DocumentStore store;

	private final AssistantOwners owners;

	KnowledgeSearch(Embeddings embeddings, KnowledgeIndex index, DocumentStore store, AssistantOwners owners) {
		this.embeddings = embeddings;
		this.index = index;
		this.store = store;
		this.owners = owners;
	}

	/**
	 * The owner testing their assistant's knowledge; someone else's assistant answers
	 * 404.
	 */
	public List<SearchResult> forOwner(long ownerId, long assistantId, String query, int k) {
		this.owners.requireOwned(assistantId, ownerId);
		return search(assistantId, query, k);
	}

	public List<SearchResult> search(long assistantId, String query, int k) {
		float[] vector = this.embeddings.embed(List.of(query)).get(0);
		List<Hit> hits = this.index.search(assistantId, query, vector, k * CANDIDATES_PER_RESULT);
		Map<Long, Passage> passages = this.store.readyPassages(assistantId, hits.stream().map(Hit::chunkId).toList())
			.stream()
			.collect(Collectors.toMap(Passage::chunkId, Function.identity()));
		return hits.stream().map((hit) -> {
			Passage passage = passages.get(hit.chunkId());
			return (passage != null) ? SearchResult.of(passage, hit.score()) : null;
		}).filter(Objects::nonNull).limit(k).toList();
	}

}
