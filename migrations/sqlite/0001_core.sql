-- Core: accounts, threads, updates, comments, moderation, audit and live events.
-- Times are UTC text of fixed width (text order is time order); ids are ULIDs.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL
                  CHECK (role IN ('admin', 'editor', 'moderator', 'translator', 'contributor')),
    password_hash TEXT,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    label        TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE threads (
    id                 TEXT PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    title              TEXT NOT NULL,
    lead               TEXT NOT NULL,
    lead_html          TEXT NOT NULL,
    language           TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    comment_policy     TEXT NOT NULL
                       CHECK (comment_policy IN ('premoderated', 'postmoderated', 'closed')),
    guests_may_comment BOOLEAN NOT NULL,
    created_by         TEXT REFERENCES users(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    -- The sequence number of the thread's last event.
    last_seq           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threads_recent ON threads(updated_at DESC, id DESC);

CREATE TABLE updates (
    id            TEXT PRIMARY KEY,
    thread_id     TEXT NOT NULL REFERENCES threads(id),
    body          TEXT NOT NULL,
    body_html     TEXT NOT NULL,
    language      TEXT NOT NULL,
    author_id     TEXT NOT NULL REFERENCES users(id),
    created_at    TEXT NOT NULL,
    edited_at     TEXT,
    revision      INTEGER NOT NULL DEFAULT 1,
    struck_at     TEXT,
    struck_by     TEXT REFERENCES users(id),
    strike_reason TEXT,
    corrected_by  TEXT REFERENCES updates(id)
);
CREATE INDEX updates_thread ON updates(thread_id, id DESC);

-- Every version of every update, the current one included.
CREATE TABLE update_revisions (
    update_id  TEXT NOT NULL REFERENCES updates(id),
    revision   INTEGER NOT NULL,
    body       TEXT NOT NULL,
    body_html  TEXT NOT NULL,
    language   TEXT NOT NULL,
    author_id  TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (update_id, revision)
);

CREATE TABLE comments (
    id              TEXT PRIMARY KEY,
    thread_id       TEXT NOT NULL REFERENCES threads(id),
    parent_id       TEXT REFERENCES comments(id),
    -- The top-level comment of the conversation: a page of roots fetches its replies at once.
    root_id         TEXT NOT NULL,
    author_id       TEXT REFERENCES users(id),
    author_name     TEXT NOT NULL,
    body            TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    status          TEXT NOT NULL
                    CHECK (status IN ('pending', 'approved', 'rejected', 'spam', 'deleted')),
    created_at      TEXT NOT NULL,
    edited_at       TEXT,
    open_flags      INTEGER NOT NULL DEFAULT 0,
    moderated_by    TEXT REFERENCES users(id),
    moderated_at    TEXT,
    moderation_note TEXT
);
CREATE INDEX comments_roots ON comments(thread_id, id) WHERE parent_id IS NULL AND status = 'approved';
CREATE INDEX comments_by_root ON comments(root_id, id);
CREATE INDEX comments_queue ON comments(id) WHERE status = 'pending' OR open_flags > 0;

CREATE TABLE comment_revisions (
    comment_id TEXT NOT NULL REFERENCES comments(id),
    revision   INTEGER NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, revision)
);

CREATE TABLE comment_flags (
    id          TEXT PRIMARY KEY,
    comment_id  TEXT NOT NULL REFERENCES comments(id),
    reason      TEXT NOT NULL,
    reporter_id TEXT REFERENCES users(id),
    created_at  TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT REFERENCES users(id)
);
CREATE INDEX comment_flags_open ON comment_flags(comment_id) WHERE resolved_at IS NULL;

CREATE TABLE events (
    thread_id  TEXT NOT NULL REFERENCES threads(id),
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (thread_id, seq)
);

CREATE TABLE audit_log (
    id          TEXT PRIMARY KEY,
    actor_id    TEXT REFERENCES users(id),
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    before      TEXT,
    after       TEXT,
    at          TEXT NOT NULL
);
