-- Each assistant's owner, replicated from assistant-events: ownership is checked without
-- calling assistant-service.
CREATE TABLE assistant_owner
(
	assistant_id BIGINT PRIMARY KEY,
	owner_id     BIGINT                   NOT NULL,
	updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE document
(
	id           BIGSERIAL PRIMARY KEY,
	assistant_id BIGINT                   NOT NULL,
	name         TEXT                     NOT NULL,
	type         TEXT                     NOT NULL,
	size_bytes   BIGINT                   NOT NULL,
	sha256       TEXT                     NOT NULL,
	status       TEXT                     NOT NULL CHECK (status IN ('indexing', 'ready', 'failed')),
	failure      TEXT,
	chunks_total INT                      NOT NULL,
	chunks_done  INT                      NOT NULL DEFAULT 0,
	uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
	-- The same file is indexed once per assistant.
	UNIQUE (assistant_id, sha256)
);

-- The passages of a document; only those of a ready document are ever answered from search.
CREATE TABLE chunk
(
	id          BIGSERIAL PRIMARY KEY,
	document_id BIGINT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
	ordinal     INT    NOT NULL,
	page        INT,
	heading     TEXT,
	text        TEXT   NOT NULL,
	UNIQUE (document_id, ordinal)
);
