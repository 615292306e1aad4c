package io.vocalhost.voicebridge.call;

import io.vocalhost.common.events.call.CallEndReason;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.vocalhost.voicebridge.assistant.AssistantReplica;
import io.vocalhost.voicebridge.assistant.Assistants;
import io.vocalhost.voicebridge.system.VoiceMetrics;
import io.vocalhost.voicebridge.system.VoiceProperties;
import io.vocalhost.voicebridge.twilio.CallTwiml;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Decides how a call Twilio offers is answered, from the replica alone. */
@Service
public class CallAnswering {

	private final Assistants assistants;

	private final Calls calls;

	private final StreamTokens tokens;

	private final CallSlots slots;

	private final CallTwiml twiml;

	private final VoiceProperties properties;

	private final VoiceMetrics metrics;

	CallAnswering(Assistants assistants, Calls calls, StreamTokens tokens, CallSlots slots, CallTwiml twiml,
			VoiceProperties properties, VoiceMetrics metrics) {
		this.assistants = assistants;
		this.calls = calls;
		this.tokens = tokens;
		this.slots = slots;
		this.twiml = twiml;
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * The TwiML for Twilio's voice webhook: the media stream, or the fallback (recorded
	 * with its end reason) for an unknown number, a suspended assistant, no voice AI or
	 * an owner at its concurrent-call cap.
	 */
	@Transactional
	public String answer(Map<String, String> form) {
		String callSid = form.get("CallSid");
		String caller = form.get("From");
		String called = form.get("To");
		if (isBlank(callSid) || isBlank(caller) || isBlank(called)) {
			return this.twiml.fallback(null);
		}
		Optional<AssistantReplica> found = this.assistants.byNumber(called);
		if (found.isEmpty()) {
			return reject(this.calls.offered(callSid, null, null, caller, called), CallEndReason.REJECTED_NOT_ALLOWED,
					null);
		}
		AssistantReplica assistant = found.get();
		UUID callId = this.calls.offered(callSid, assistant.assistantId(), assistant.ownerId(), caller, called);
		if (!assistant.isActive()) {
			return reject(callId, CallEndReason.REJECTED_NOT_ALLOWED, assistant.businessPhone());
		}
		if (!this.properties.aiConfigured()) {
			return reject(callId, CallEndReason.AI_UNAVAILABLE, assistant.businessPhone());
		}
		if (!this.slots.take(assistant.ownerId(), callId, this.properties.streamTokenTtl())) {
			return reject(callId, CallEndReason.REJECTED_CALL_LIMIT, assistant.businessPhone());
		}
		String token = this.tokens.mint(callId, this.properties.streamTokenTtl());
		return this.twiml.connect(callId.toString(), token, assistant.businessPhone());
	}

	/** An answer when {@link #answer} failed: the fallback, never an error to Twilio. */
	public String failed() {
		return this.twiml.fallback(null);
	}

	private String reject(UUID callId, CallEndReason reason, String businessPhone) {
		this.calls.ended(callId, reason);
		this.metrics.callRefused(reason.name());
		return this.twiml.fallback(businessPhone);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
