package io.vocalhost.voicebridge.sms;

import io.vocalhost.common.security.CurrentUser;
import io.vocalhost.voicebridge.sms.TextMessages.SmsThread;
import io.vocalhost.voicebridge.sms.TextMessages.SmsThreadList;
import io.vocalhost.voicebridge.system.OwnedResources;
import reactor.core.publisher.Mono;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The text conversations of the signed-in owner's assistants. The owner comes only from
 * the verified access token; the database is read off the event loop.
 */
@RestController
class SmsThreadsController {

	private final TextMessages messages;

	SmsThreadsController(TextMessages messages) {
		this.messages = messages;
	}

	/** Each customer's thread with the assistant, the latest message first. */
	@GetMapping("/api/sms/threads")
	Mono<SmsThreadList> threads(@AuthenticationPrincipal Jwt token,
			@RequestParam(name = "assistant_id", required = false) String assistantId) {
		long ownerId = CurrentUser.id(token);
		long assistant = OwnedResources.id("assistant_id", assistantId);
		return OwnedResources.lookUp(() -> this.messages.threadsOf(ownerId, assistant),
				"No assistant " + assistant + " of yours");
	}

	/** One thread with its messages both ways and their status; marks it read. */
	@GetMapping("/api/sms/threads/{id}")
	Mono<SmsThread> thread(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		long ownerId = CurrentUser.id(token);
		long threadId = OwnedResources.id("id", id);
		return OwnedResources.lookUp(() -> this.messages.thread(ownerId, threadId), "No thread " + id + " of yours");
	}

}
