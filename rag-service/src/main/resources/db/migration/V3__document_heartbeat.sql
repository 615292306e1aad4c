-- When the instance indexing a document last showed it was still at work: a document whose
-- heartbeat is older than RAG_INDEXING_STALE_AFTER was abandoned (its instance crashed) and is
-- failed, while one that another live instance is indexing is left alone.
ALTER TABLE document ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
UPDATE document SET heartbeat_at = uploaded_at;
ALTER TABLE document ALTER COLUMN heartbeat_at SET NOT NULL;
