-- One conversation by text per customer phone and assistant: what was sent and received.
CREATE TABLE sms_thread
(
	id              BIGSERIAL PRIMARY KEY,
	assistant_id    BIGINT                   NOT NULL,
	owner_id        BIGINT                   NOT NULL,
	customer_phone  TEXT                     NOT NULL,
	assistant_phone TEXT                     NOT NULL,
	created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	last_message_at TIMESTAMP WITH TIME ZONE NOT NULL,
	UNIQUE (assistant_id, customer_phone)
);

CREATE INDEX sms_thread_owner_assistant_idx ON sms_thread (owner_id, assistant_id, last_message_at DESC);

-- status: simulated (no Twilio account: never left the machine), pending (stored, not yet handed
-- to Twilio), then Twilio's own (queued, sent, delivered, undelivered, failed) or received (inbound).
CREATE TABLE sms_message
(
	id         BIGSERIAL PRIMARY KEY,
	thread_id  BIGINT                   NOT NULL REFERENCES sms_thread (id) ON DELETE CASCADE,
	direction  TEXT                     NOT NULL CHECK (direction IN ('inbound', 'outbound')),
	kind       TEXT                     NOT NULL,
	body       TEXT                     NOT NULL,
	status     TEXT                     NOT NULL,
	twilio_sid TEXT UNIQUE,
	error_code INT,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	status_at  TIMESTAMP WITH TIME ZONE NOT NULL,
	read_at    TIMESTAMP WITH TIME ZONE
);

CREATE INDEX sms_message_thread_idx ON sms_message (thread_id, created_at, id);

-- Phones that texted STOP (or another opt-out word) to an assistant's number: nothing more is sent.
CREATE TABLE sms_opt_out
(
	assistant_id BIGINT                   NOT NULL,
	phone        TEXT                     NOT NULL,
	opted_out_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (assistant_id, phone)
);
