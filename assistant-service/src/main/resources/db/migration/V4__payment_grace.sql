-- Since when the owner's subscription is past due (Stripe retrying the payment): the
-- assistants keep running for the grace period from then.
ALTER TABLE plan_state ADD COLUMN past_due_since TIMESTAMP WITH TIME ZONE;
