-- The web interface: slow mode per thread, and moderators' claims on queue items.

ALTER TABLE threads ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;

-- A moderator reviewing a comment holds it for a short while, so others see it as taken.
CREATE TABLE comment_claims (
    comment_id   TEXT PRIMARY KEY REFERENCES comments(id),
    moderator_id TEXT NOT NULL REFERENCES users(id),
    expires_at   TEXT NOT NULL
);
