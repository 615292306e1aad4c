package io.vocalhost.voicebridge.call;

/** Why a call ended: the catalog in docs/events.md. */
public enum EndReason {

	CALLER_HUNG_UP, ASSISTANT_ENDED, TRANSFERRED, REJECTED_NOT_ALLOWED, REJECTED_CALL_LIMIT, AI_UNAVAILABLE, ERROR,
	IDLE_TIMEOUT, MAX_DURATION, DRAINED

}
