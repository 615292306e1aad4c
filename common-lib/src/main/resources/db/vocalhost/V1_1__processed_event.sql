-- Ids of the Kafka events this service has applied, written in the same transaction as the effect.
CREATE TABLE processed_event
(
	event_id     UUID PRIMARY KEY,
	processed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
