package io.vocalhost.rag.index;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class LuceneKnowledgeIndexTests extends KnowledgeIndexContractTests {

	@TempDir
	Path directory;

	@Override
	KnowledgeIndex open() {
		return new LuceneKnowledgeIndex(this.directory);
	}

	@Override
	KnowledgeIndex reopen(KnowledgeIndex index) throws Exception {
		((LuceneKnowledgeIndex) index).close();
		return new LuceneKnowledgeIndex(this.directory);
	}

}
