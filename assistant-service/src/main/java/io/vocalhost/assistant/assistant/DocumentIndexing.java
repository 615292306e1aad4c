package io.vocalhost.assistant.assistant;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Hands registration documents to rag-service. rag-service has no indexing API yet, so
 * nothing is indexed: the registration says so in a warning and reports zero chunks,
 * never an invented count.
 */
@Component
class DocumentIndexing {

	Result index(long assistantId, List<MultipartFile> files) {
		if (files.isEmpty()) {
			return new Result(0, List.of());
		}
		return new Result(0, List
			.of("Document indexing is not available yet: " + files.size() + " file(s) were received and not indexed"));
	}

	record Result(int indexedChunks, List<String> warnings) {
	}

}
