package io.vocalhost.voicebridge.call;

import io.vocalhost.common.security.CurrentUser;
import io.vocalhost.voicebridge.call.Callbacks.Callback;
import io.vocalhost.voicebridge.call.Callbacks.CallbackList;
import io.vocalhost.voicebridge.system.OwnedResources;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The messages callers left for the signed-in owner, and marking them done. The owner
 * comes only from the verified access token; the database is read off the event loop.
 */
@RestController
class CallbacksController {

	private final Callbacks callbacks;

	CallbacksController(Callbacks callbacks) {
		this.callbacks = callbacks;
	}

	/** The callbacks of one of the owner's assistants, newest first. */
	@GetMapping("/api/callbacks")
	Mono<CallbackList> callbacks(@AuthenticationPrincipal Jwt token,
			@RequestParam(name = "assistant_id", required = false) String assistantId) {
		long ownerId = CurrentUser.id(token);
		long assistant = OwnedResources.id("assistant_id", assistantId);
		return OwnedResources.lookUp(() -> this.callbacks.of(ownerId, assistant),
				"No assistant " + assistant + " of yours");
	}

	/** Marks a callback done ({@code {"handled": true}}) or open again. */
	@PatchMapping("/api/callbacks/{id}")
	Mono<Callback> handled(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@Valid @RequestBody HandledRequest request) {
		long ownerId = CurrentUser.id(token);
		long callbackId = OwnedResources.id("id", id);
		return OwnedResources.lookUp(() -> this.callbacks.handled(ownerId, callbackId, request.handled()),
				"No callback " + id + " of yours");
	}

	record HandledRequest(@NotNull(message = "is required (true or false)") Boolean handled) {
	}

}
