-- The Stripe customer of every user; a row without stripe_customer_id is still to be
-- created (retried with backoff until Stripe answers).
CREATE TABLE billing_customer
(
	user_id            BIGINT PRIMARY KEY,
	name               TEXT,
	email              TEXT,
	stripe_customer_id TEXT UNIQUE,
	attempts           INT                      NOT NULL DEFAULT 0,
	next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
	last_error         TEXT,
	created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX billing_customer_pending ON billing_customer (next_attempt_at) WHERE stripe_customer_id IS NULL;

-- Each user's current subscription as Stripe last reported it. stripe_changed_at is the
-- creation time of the Stripe event that set this state: an older event never overwrites it.
CREATE TABLE subscription
(
	user_id                BIGINT PRIMARY KEY REFERENCES billing_customer (user_id),
	stripe_subscription_id TEXT                     NOT NULL,
	plan                   TEXT                     NOT NULL,
	status                 TEXT                     NOT NULL,
	current_period_start   TIMESTAMP WITH TIME ZONE,
	current_period_end     TIMESTAMP WITH TIME ZONE,
	cancel_at_period_end   BOOLEAN                  NOT NULL DEFAULT FALSE,
	stripe_changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Completed calls, each once, for call minutes per period and Stripe meter events.
CREATE TABLE call_usage
(
	call_id     UUID PRIMARY KEY,
	user_id     BIGINT                   NOT NULL,
	ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
	minutes     INT                      NOT NULL,
	reported_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX call_usage_user ON call_usage (user_id, ended_at);
CREATE INDEX call_usage_unreported ON call_usage (ended_at) WHERE reported_at IS NULL;

-- Which user owns which assistant (from assistant-events), to count assistants per plan.
CREATE TABLE assistant_owner
(
	assistant_id BIGINT PRIMARY KEY,
	owner_id     BIGINT NOT NULL
);

CREATE INDEX assistant_owner_owner ON assistant_owner (owner_id);
