-- Sources, places, reports, indicators and claims: what the situation board is derived from.

CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    -- The name folded (case, accents, script, punctuation) so one source is entered once.
    match_key   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('official', 'state_media', 'independent_media', 'agency', 'ngo',
                                'social_channel', 'eyewitness', 'anonymous', 'other')),
    affiliation TEXT NOT NULL DEFAULT '',
    country     TEXT,
    language    TEXT,
    homepage    TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    created_by  TEXT REFERENCES users(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Gazetteer cities are copied here when first used ('gn:<id>'); custom places are added by
-- editors with their coordinates.
CREATE TABLE places (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    country    TEXT,
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    custom     BOOLEAN NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX places_custom ON places(name) WHERE custom;

CREATE TABLE reports (
    id                TEXT PRIMARY KEY,
    thread_id         TEXT NOT NULL REFERENCES threads(id),
    body              TEXT NOT NULL,
    body_html         TEXT NOT NULL,
    language          TEXT NOT NULL,
    source_id         TEXT NOT NULL REFERENCES sources(id),
    link              TEXT,
    cites_source_id   TEXT REFERENCES sources(id),
    occurred_at       TEXT,
    stated_at         TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    submitted_by      TEXT REFERENCES users(id),
    author_name       TEXT NOT NULL,
    state             TEXT NOT NULL
                      CHECK (state IN ('pending', 'published', 'rejected', 'spam', 'deleted')),
    verification      TEXT NOT NULL DEFAULT 'unverified'
                      CHECK (verification IN ('unverified', 'confirmed', 'false', 'retracted')),
    verification_note TEXT,
    verified_by       TEXT REFERENCES users(id),
    struck_at         TEXT,
    struck_by         TEXT REFERENCES users(id),
    strike_reason     TEXT,
    moderated_by      TEXT REFERENCES users(id),
    moderated_at      TEXT,
    revision          INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    edited_at         TEXT
);
CREATE INDEX reports_thread ON reports(thread_id, id DESC);
CREATE INDEX reports_source ON reports(source_id);
CREATE INDEX reports_queue ON reports(id) WHERE state = 'pending';

CREATE TABLE report_places (
    report_id TEXT NOT NULL REFERENCES reports(id),
    place_id  TEXT NOT NULL REFERENCES places(id),
    position  INTEGER NOT NULL,
    PRIMARY KEY (report_id, place_id)
);
CREATE INDEX report_places_place ON report_places(place_id);

-- Every version of every report as it was shown (JSON), the current one included.
CREATE TABLE report_revisions (
    report_id  TEXT NOT NULL REFERENCES reports(id),
    revision   INTEGER NOT NULL,
    snapshot   TEXT NOT NULL,
    edited_by  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (report_id, revision)
);

CREATE TABLE indicators (
    id         TEXT PRIMARY KEY,
    thread_id  TEXT NOT NULL REFERENCES threads(id),
    key        TEXT NOT NULL,
    -- {"en": "Police dead", "ru": "..."}
    labels     TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('count', 'status', 'text')),
    scope      TEXT NOT NULL CHECK (scope IN ('thread', 'place')),
    -- [{"value": "government", "colour": "#1f77b4", "labels": {...}}]
    statuses   TEXT NOT NULL DEFAULT '[]',
    position   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (thread_id, key)
);

-- The claims a report makes now; earlier ones live in the report's revisions.
CREATE TABLE claims (
    id           TEXT PRIMARY KEY,
    report_id    TEXT NOT NULL REFERENCES reports(id),
    indicator_id TEXT NOT NULL REFERENCES indicators(id),
    place_id     TEXT REFERENCES places(id),
    -- The value as JSON: {"kind": "count", "count": {"type": "exact", "n": 8}}.
    value        TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    position     INTEGER NOT NULL
);
CREATE INDEX claims_report ON claims(report_id);
CREATE INDEX claims_indicator ON claims(indicator_id);

-- How long another source's disagreeing claim keeps a value disputed.
ALTER TABLE threads ADD COLUMN dispute_window_minutes INTEGER NOT NULL DEFAULT 720;
