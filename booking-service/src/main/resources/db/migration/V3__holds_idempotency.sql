-- A slot held for a live call for a few minutes; only its holder may book it meanwhile.
CREATE TABLE slot_hold
(
	id           UUID PRIMARY KEY,
	assistant_id BIGINT                   NOT NULL,
	holder       TEXT                     NOT NULL,
	starts_at    TIMESTAMP WITH TIME ZONE NOT NULL,
	ends_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT slot_hold_no_overlap EXCLUDE USING gist (
		assistant_id WITH =,
		tstzrange(starts_at, ends_at, '[)') WITH &&
	)
);

-- The answer to each idempotent booking request, so a retried request gets the same answer.
CREATE TABLE booking_request
(
	assistant_id    BIGINT                   NOT NULL,
	idempotency_key TEXT                     NOT NULL,
	request_hash    TEXT                     NOT NULL,
	response_status INT,
	response_body   TEXT,
	created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (assistant_id, idempotency_key)
);
