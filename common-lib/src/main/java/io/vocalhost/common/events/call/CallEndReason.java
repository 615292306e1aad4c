package io.vocalhost.common.events.call;

/** Why a call ended: a fixed set, so that dashboards and billing can count them. */
public enum CallEndReason {

	CALLER_HUNG_UP, ASSISTANT_ENDED, TRANSFERRED, REJECTED_NOT_ALLOWED, REJECTED_CALL_LIMIT, AI_UNAVAILABLE, ERROR,
	IDLE_TIMEOUT, MAX_DURATION, DRAINED

}
