package io.vocalhost.assistant.assistant;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.multipart.MultipartFile;

/**
 * A registration form with documents, sent as repeated {@code files} or {@code files[]}
 * parts (the original frontend's two forms use one each).
 */
interface DocumentForm {

	List<MultipartFile> files();

	List<MultipartFile> bracketFiles();

	/** The documents under either name, leaving out empty file inputs. */
	default List<MultipartFile> documents() {
		List<MultipartFile> documents = new ArrayList<>();
		if (files() != null) {
			documents.addAll(files());
		}
		if (bracketFiles() != null) {
			documents.addAll(bracketFiles());
		}
		documents.removeIf(MultipartFile::isEmpty);
		return documents;
	}

}
