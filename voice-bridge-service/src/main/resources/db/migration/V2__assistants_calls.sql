-- Each assistant as its owner left it, replicated from assistant-events: answering a call asks no other service.
CREATE TABLE assistant
(
	assistant_id      BIGINT PRIMARY KEY,
	owner_id          BIGINT                   NOT NULL,
	receptionist_name TEXT                     NOT NULL,
	business_name     TEXT                     NOT NULL,
	description       TEXT,
	time_zone         TEXT                     NOT NULL,
	hours             JSONB                    NOT NULL,
	voice             TEXT,
	greeting          TEXT,
	business_phone    TEXT,
	twilio_number     TEXT,
	status            TEXT                     NOT NULL,
	updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A number moves between assistants through separate events, so for a moment two rows may hold it.
CREATE INDEX assistant_twilio_number_idx ON assistant (twilio_number);

-- One row per call Twilio offered; id is the conversation id in the stream URL.
CREATE TABLE call
(
	id               UUID PRIMARY KEY,
	call_sid         TEXT                     NOT NULL UNIQUE,
	assistant_id     BIGINT,
	owner_id         BIGINT,
	caller           TEXT,
	called_number    TEXT,
	started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
	ended_at         TIMESTAMP WITH TIME ZONE,
	end_reason       TEXT,
	twilio_status    TEXT,
	duration_seconds INT
);

CREATE INDEX call_owner_started_idx ON call (owner_id, started_at DESC);

-- The stream token of a call: its hash only, short-lived, consumed at most once by any instance.
CREATE TABLE stream_token
(
	token_hash TEXT PRIMARY KEY,
	call_id    UUID                     NOT NULL REFERENCES call (id) ON DELETE CASCADE,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	used_at    TIMESTAMP WITH TIME ZONE
);
