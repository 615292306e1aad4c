CREATE TABLE app_user
(
	id                 BIGSERIAL PRIMARY KEY,
	google_subject     TEXT                     NOT NULL UNIQUE,
	name               TEXT                     NOT NULL,
	email              TEXT                     NOT NULL,
	stripe_customer_id TEXT,
	created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per started login: state, nonce and PKCE verifier, usable once, for a few minutes.
CREATE TABLE login_attempt
(
	state         TEXT PRIMARY KEY,
	nonce         TEXT                     NOT NULL,
	code_verifier TEXT                     NOT NULL,
	callback      TEXT                     NOT NULL,
	created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
	consumed_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE user_session
(
	id             UUID PRIMARY KEY,
	user_id        BIGINT                   NOT NULL REFERENCES app_user (id),
	created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
	last_seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
	revoked_at     TIMESTAMP WITH TIME ZONE,
	revoked_reason TEXT
);

-- Refresh tokens are stored as SHA-256 hashes; a rotated one presented again revokes the session.
CREATE TABLE refresh_token
(
	token_hash TEXT PRIMARY KEY,
	session_id UUID                     NOT NULL REFERENCES user_session (id),
	issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
	rotated_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX refresh_token_by_session ON refresh_token (session_id);

-- Locally generated signing keys (production takes its key from AUTH_SIGNING_KEY instead).
CREATE TABLE signing_key
(
	kid         TEXT PRIMARY KEY,
	private_key TEXT                     NOT NULL,
	public_key  TEXT                     NOT NULL,
	created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
