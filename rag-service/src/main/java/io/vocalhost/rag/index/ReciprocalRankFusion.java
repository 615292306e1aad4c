package io.vocalhost.rag.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vocalhost.rag.index.KnowledgeIndex.Hit;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each ranking gives a chunk
 * {@code 1 / (k + rank)}, the sums rank the fused list. Scores of full text and of
 * vectors are not comparable; their ranks are.
 */
final class ReciprocalRankFusion {

	/** The damping constant of the paper. */
	private static final int K = 60;

	private ReciprocalRankFusion() {
	}

	/**
	 * @param rankings chunk ids, each list best first
	 * @param limit how many fused hits to answer at most
	 */
	@SafeVarargs
	static List<Hit> fuse(int limit, List<Long>... rankings) {
		Map<Long, Double> fused = new LinkedHashMap<>();
		for (List<Long> ranking : rankings) {
			for (int rank = 0; rank < ranking.size(); rank++) {
				fused.merge(ranking.get(rank), 1.0 / (K + rank + 1), Double::sum);
			}
		}
		List<Hit> hits = new ArrayList<>(fused.size());
		fused.forEach((chunkId, score) -> hits.add(new Hit(chunkId, score)));
		hits.sort((a, b) -> Double.compare(b.score(), a.score()));
		return hits.subList(0, Math.min(limit, hits.size()));
	}

}
