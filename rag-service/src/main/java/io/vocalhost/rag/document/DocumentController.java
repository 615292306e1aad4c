package io.vocalhost.rag.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.security.CurrentUser;
import io.vocalhost.common.security.Scopes;
import io.vocalhost.common.web.ErrorResponse;
import io.vocalhost.common.web.RequestValues;
import io.vocalhost.rag.replica.AssistantOwners;
import io.vocalhost.rag.system.RagProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The documents API: the original upload, the owner's documents and search, and the
 * internal twins for assistant-service (scope {@code documents:index}) and the voice
 * bridge (scope {@code knowledge:search}), which the gateway does not route. Identity
 * always comes from the token; a {@code user_id} sent by the client must be that user.
 */
@RestController
class DocumentController {

	private static final int MAX_K = 20;

	private final Documents documents;

	private final KnowledgeSearch search;

	private final AssistantOwners owners;

	private final RagProperties properties;

	DocumentController(Documents documents, KnowledgeSearch search, AssistantOwners owners, RagProperties properties) {
		this.documents = documents;
		this.search = search;
		this.owners = owners;
		this.properties = properties;
	}

	@PostMapping(path = "/api/rag/index_files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ErrorResponse(status = 400, description = "No file, too many files, or a missing assistant_id")
	@ErrorResponse(status = 403, description = "user_id is not your own")
	@ErrorResponse(status = 404, description = "The assistant is not one of yours")
	@ErrorResponse(status = 413, description = "A file or the request is larger than the upload limits")
	@ErrorResponse(status = 422, description = "A file cannot be indexed (encrypted, scanned, empty, broken)")
	IndexedFiles indexFiles(@AuthenticationPrincipal Jwt token, @RequestParam("assistant_id") long assistantId,
			@RequestParam(name = "user_id", required = false) String userId,
			@RequestParam(name = "files[]", required = false) List<MultipartFile> bracketFiles,
			@RequestParam(name = "files", required = false) List<MultipartFile> files) {
		long owner = owner(token, userId);
		return this.documents.index(owner, assistantId, uploads(bracketFiles, files));
	}

	/** assistant-service's registration forms, just after the assistant was created. */
	@PostMapping(path = "/internal/index_files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	IndexedFiles indexFilesOfNewAssistant(@AuthenticationPrincipal Jwt token,
			@RequestParam("assistant_id") long assistantId, @RequestParam("owner_id") long ownerId,
			@RequestParam(name = "files[]", required = false) List<MultipartFile> files) {
		Scopes.require(token, "documents:index");
		// The assistant-created event may still be on its way; the oldest possible time
		// lets that event (and any later one) win.
		this.owners.apply(assistantId, ownerId, Instant.EPOCH);
		return this.documents.index(ownerId, assistantId, uploads(files, null));
	}

	@GetMapping("/api/rag/documents")
	@ErrorResponse(status = 404, description = "The assistant is not one of yours")
	DocumentList list(@AuthenticationPrincipal Jwt token, @RequestParam("assistant_id") long assistantId) {
		return new DocumentList(this.documents.of(CurrentUser.id(token), assistantId));
	}

	@DeleteMapping("/api/rag/documents/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@ErrorResponse(status = 404, description = "The document is not one of yours")
	void delete(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
		this.documents.delete(CurrentUser.id(token), id);
	}

	@GetMapping("/api/rag/search")
	@ErrorResponse(status = 400, description = "q is empty or k is out of range")
	@ErrorResponse(status = 404, description = "The assistant is not one of yours")
	SearchResults search(@AuthenticationPrincipal Jwt token, @RequestParam("assistant_id") long assistantId,
			@RequestParam(name = "q", required = false) String query,
			@RequestParam(name = "k", defaultValue = "5") int k) {
		if (query == null || query.isBlank()) {
			throw RequestValues.invalid("q", "must not be empty");
		}
		if (k < 1 || k > MAX_K) {
			throw RequestValues.invalid("k", "must be between 1 and " + MAX_K);
		}
		return new SearchResults(this.search.forOwner(CurrentUser.id(token), assistantId, query.strip(), k));
	}

	/** The voice bridge's knowledge tool during a call. */
	@PostMapping(path = "/internal/search", consumes = MediaType.APPLICATION_JSON_VALUE)
	SearchResults internalSearch(@AuthenticationPrincipal Jwt token, @Valid @RequestBody SearchRequest request) {
		Scopes.require(token, "knowledge:search");
		int k = (request.k() != null) ? request.k() : 5;
		return new SearchResults(this.search.search(request.assistantId(), request.query().strip(), k));
	}

	private List<Upload> uploads(List<MultipartFile> first, List<MultipartFile> second) {
		List<MultipartFile> parts = new ArrayList<>();
		if (first != null) {
			parts.addAll(first);
		}
		if (second != null) {
			parts.addAll(second);
		}
		parts.removeIf((part) -> part.isEmpty()
				&& (part.getOriginalFilename() == null || part.getOriginalFilename().isEmpty()));
		if (parts.isEmpty()) {
			throw RequestValues.invalid("files[]", "at least one file is required");
		}
		if (parts.size() > this.properties.maxFiles()) {
			throw RequestValues.invalid("files[]", "at most " + this.properties.maxFiles() + " files per request");
		}
		return parts.stream().map(DocumentController::upload).toList();
	}

	private static Upload upload(MultipartFile part) {
		try {
			return new Upload(Upload.displayName(part.getOriginalFilename()), part.getBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The signed-in user; a user_id the client sends must be theirs. */
	private static long owner(Jwt token, String userId) {
		long user = CurrentUser.id(token);
		if (userId != null && !userId.isBlank() && !userId.strip().equals(Long.toString(user))) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "user_id must be your own user id");
		}
		return user;
	}

	record DocumentList(List<DocumentView> documents) {
	}

	record SearchResults(List<SearchResult> results) {
	}

	record SearchRequest(@JsonProperty("assistant_id") @NotNull Long assistantId, @NotBlank String query,
			@Min(1) @Max(MAX_K) Integer k) {
	}

}
