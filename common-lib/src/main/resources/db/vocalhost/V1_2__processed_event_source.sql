-- Event ids of other sources (Stripe's evt_..., Twilio's SIDs) are strings, unique only within
-- their source: an id is recorded with its source. Ids recorded before are VocalHost's own events.
ALTER TABLE processed_event DROP CONSTRAINT processed_event_pkey;
ALTER TABLE processed_event ALTER COLUMN event_id TYPE TEXT USING event_id::text;
ALTER TABLE processed_event ADD COLUMN source TEXT NOT NULL DEFAULT 'vocalhost';
ALTER TABLE processed_event ALTER COLUMN source DROP DEFAULT;
ALTER TABLE processed_event ADD PRIMARY KEY (source, event_id);
