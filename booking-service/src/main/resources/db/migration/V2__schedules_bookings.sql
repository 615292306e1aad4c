-- Exclusion constraints on (assistant = , time range &&) need btree_gist (a trusted extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Each assistant's schedule, replicated from assistant-events: bookings never call assistant-service.
CREATE TABLE assistant_schedule
(
	assistant_id BIGINT PRIMARY KEY,
	owner_id     BIGINT                   NOT NULL,
	time_zone    TEXT                     NOT NULL,
	slot_minutes INT                      NOT NULL,
	status       TEXT                     NOT NULL,
	hours        JSONB                    NOT NULL,
	updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE customer
(
	id              BIGSERIAL PRIMARY KEY,
	assistant_id    BIGINT                   NOT NULL,
	phone           TEXT                     NOT NULL,
	name            TEXT                     NOT NULL,
	created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
	last_contact_at TIMESTAMP WITH TIME ZONE NOT NULL,
	UNIQUE (assistant_id, phone)
);

CREATE TABLE booking
(
	id            BIGSERIAL PRIMARY KEY,
	assistant_id  BIGINT                   NOT NULL,
	customer_id   BIGINT REFERENCES customer (id),
	customer_name TEXT                     NOT NULL,
	details       TEXT                     NOT NULL DEFAULT '',
	starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
	ends_at       TIMESTAMP WITH TIME ZONE NOT NULL CHECK (ends_at > starts_at),
	status        TEXT                     NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
	source        TEXT                     NOT NULL,
	created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
	cancelled_at  TIMESTAMP WITH TIME ZONE,
	-- Double booking is impossible at the database level: two active bookings of one assistant
	-- never overlap; back-to-back ranges ([) bounds) do not overlap.
	CONSTRAINT booking_no_overlap EXCLUDE USING gist (
		assistant_id WITH =,
		tstzrange(starts_at, ends_at, '[)') WITH &&
	) WHERE (status = 'active')
);
CREATE INDEX booking_by_assistant_and_start ON booking (assistant_id, starts_at);
