package io.vocalhost.assistant.assistant;

import java.util.List;

import io.vocalhost.common.error.ApiException;
import io.vocalhost.common.web.ErrorResponse;
import io.vocalhost.common.security.CurrentUser;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The assistant endpoints of the original API (paths, form fields and JSON names
 * unchanged) and the new ones. The owner is always the signed-in user of the token; a
 * {@code user_id} sent by the client must be that user.
 */
@RestController
class AssistantController {

	private final Assistants assistants;

	private final DocumentIndexing documents;

	private final AssistantProperties properties;

	AssistantController(Assistants assistants, DocumentIndexing documents, AssistantProperties properties) {
		this.assistants = assistants;
		this.documents = documents;
		this.properties = properties;
	}

	@GetMapping("/api/assistants")
	@ErrorResponse(status = 403, description = "user_id is not your own")
	AssistantList list(@AuthenticationPrincipal Jwt token,
			@RequestParam(name = "user_id", required = false) Long userId) {
		long owner = owner(token, userId);
		return new AssistantList(this.assistants.ofOwner(owner).stream().map(AssistantView::of).toList());
	}

	@PostMapping(path = "/api/register", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ErrorResponse(status = 402, description = "Plan limit reached: the plan's assistants are used up")
	@ErrorResponse(status = 403, description = "user_id is not your own")
	@ErrorResponse(status = 502, description = "Telephony provider error: buying a number failed")
	@ErrorResponse(status = 503, description = "No phone number available in the local pool")
	Registered register(@AuthenticationPrincipal Jwt token, @Valid RegistrationForm form) {
		long owner = owner(token, userId(form.userId()));
		Assistant created = this.assistants.register(owner, form.toNewAssistant(this.properties.defaultTimeZone()));
		return created("Assistant created. Forward calls to " + created.telephony().number() + ".", created,
				form.documents());
	}

	@PostMapping(path = "/api/register/assistant", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ErrorResponse(status = 402, description = "Plan limit reached: the plan's assistants are used up")
	@ErrorResponse(status = 403, description = "user_id is not your own")
	Registered registerKnowledgeAssistant(@AuthenticationPrincipal Jwt token, @Valid KnowledgeAssistantForm form) {
		long owner = owner(token, userId(form.userId()));
		Assistant created = this.assistants.register(owner, form.toNewAssistant(this.properties.defaultTimeZone()));
		return created("Assistant created.", created, form.documents());
	}

	@GetMapping("/api/assistant/{id}")
	AssistantView get(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
		return AssistantView.of(this.assistants.get(CurrentUser.id(token), id));
	}

	@PatchMapping(path = "/api/assistant/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	UpdatedAssistant update(@AuthenticationPrincipal Jwt token, @PathVariable long id,
			@Valid @RequestBody AssistantChange change) {
		return UpdatedAssistant.of(change.sentFields(),
				AssistantView.of(this.assistants.update(CurrentUser.id(token), id, change)));
	}

	@DeleteMapping("/api/assistant/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
		this.assistants.delete(CurrentUser.id(token), id);
	}

	/** The 201 answer of a registration, after handing its documents on for indexing. */
	private Registered created(String message, Assistant created, List<MultipartFile> documents) {
		DocumentIndexing.Result indexing = this.documents.index(created.ownerId(), created.id(), documents);
		return new Registered(message, created.id(), created.telephony().number(), indexing.indexedChunks(),
				indexing.warnings());
	}

	/** The signed-in user; a user_id the client sends must be theirs. */
	private static long owner(Jwt token, Long userId) {
		long user = CurrentUser.id(token);
		if (userId != null && userId != user) {
			throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "user_id must be your own user id");
		}
		return user;
	}

	private static Long userId(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "user_id: must be a number");
		}
	}

}
