-- The features the owner chose at creation (the original frontend's add-ons), as a JSON array.
ALTER TABLE assistant ADD COLUMN enabled_features TEXT NOT NULL DEFAULT '["voice","booking"]';
