-- Each owner's subscription as billing last reported it (billing-events): the call cap needs no other service.
CREATE TABLE owner_plan
(
	owner_id   BIGINT PRIMARY KEY,
	plan       TEXT                     NOT NULL,
	status     TEXT                     NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A row per call that holds one of its owner's concurrent-call slots, from the webhook until its stream ends.
-- instance_id is NULL until a bridge instance carries the stream; that instance renews lease_until while the call
-- is live, so the calls of an instance that died stop counting once their lease lapses.
CREATE TABLE call_slot
(
	call_id     UUID PRIMARY KEY REFERENCES call (id) ON DELETE CASCADE,
	owner_id    BIGINT                   NOT NULL,
	instance_id TEXT,
	lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX call_slot_owner_idx ON call_slot (owner_id);

CREATE INDEX call_slot_lease_idx ON call_slot (lease_until);
