-- When the assistant took the call (its stream was accepted); NULL for a call that got the fallback.
ALTER TABLE call ADD COLUMN answered_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX call_owner_assistant_started_idx ON call (owner_id, assistant_id, started_at DESC);

-- The turns of a call in conversation order (seq from 1), written with the call's end.
CREATE TABLE call_message
(
	call_id UUID                     NOT NULL REFERENCES call (id) ON DELETE CASCADE,
	seq     INT                      NOT NULL,
	role    TEXT                     NOT NULL,
	text    TEXT                     NOT NULL,
	at      TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (call_id, seq)
);
