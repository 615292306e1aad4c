CREATE TABLE assistant
(
	id                       BIGSERIAL PRIMARY KEY,
	owner_id                 BIGINT                   NOT NULL,
	name                     TEXT                     NOT NULL,
	business_name            TEXT                     NOT NULL,
	description              TEXT                     NOT NULL DEFAULT '',
	time_zone                TEXT                     NOT NULL,
	booking_duration_minutes INT                      NOT NULL CHECK (booking_duration_minutes BETWEEN 5 AND 480),
	voice_type               TEXT                     NOT NULL CHECK (voice_type IN ('male', 'female')),
	greeting                 TEXT,
	business_phone           TEXT,
	twilio_number            TEXT UNIQUE,
	number_simulated         BOOLEAN                  NOT NULL DEFAULT FALSE,
	status                   TEXT                     NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
	created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX assistant_by_owner ON assistant (owner_id);

-- Opening ranges per weekday (1 = Monday) in the assistant's time zone; a break is two ranges.
CREATE TABLE opening_hours
(
	assistant_id BIGINT   NOT NULL REFERENCES assistant (id) ON DELETE CASCADE,
	day_of_week  SMALLINT NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
	start_time   TIME     NOT NULL,
	end_time     TIME     NOT NULL CHECK (end_time > start_time)
);
CREATE INDEX opening_hours_by_assistant ON opening_hours (assistant_id);

-- Each owner's plan, replicated from billing-events (no row: the free plan).
CREATE TABLE plan_state
(
	owner_id   BIGINT PRIMARY KEY,
	plan       TEXT                     NOT NULL,
	status     TEXT                     NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Simulated numbers of the local pool (used when no Twilio credentials are configured).
CREATE TABLE local_number
(
	number       TEXT PRIMARY KEY,
	assistant_id BIGINT UNIQUE
);
