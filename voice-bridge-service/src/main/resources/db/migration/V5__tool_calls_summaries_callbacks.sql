-- What the call was about, written with its end; NULL when nothing was said or done.
ALTER TABLE call ADD COLUMN summary TEXT;

-- The tools the assistant called during a call, in the order their results arrived (seq from 1).
CREATE TABLE call_tool_call
(
	call_id   UUID                     NOT NULL REFERENCES call (id) ON DELETE CASCADE,
	seq       INT                      NOT NULL,
	name      TEXT                     NOT NULL,
	arguments TEXT                     NOT NULL,
	output    TEXT                     NOT NULL,
	at        TIMESTAMP WITH TIME ZONE NOT NULL,
	took_ms   BIGINT                   NOT NULL,
	PRIMARY KEY (call_id, seq)
);

-- Messages callers left with the assistant (take_message), for the owner to call back.
CREATE TABLE callback
(
	id              BIGSERIAL PRIMARY KEY,
	assistant_id    BIGINT                   NOT NULL,
	owner_id        BIGINT                   NOT NULL,
	call_id         UUID REFERENCES call (id) ON DELETE SET NULL,
	name            TEXT                     NOT NULL,
	callback_number TEXT                     NOT NULL,
	message         TEXT                     NOT NULL,
	created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	handled_at      TIMESTAMP WITH TIME ZONE
);

CREATE INDEX callback_owner_assistant_created_idx ON callback (owner_id, assistant_id, created_at DESC);
