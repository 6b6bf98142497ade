-- no-transaction
-- Three more kinds of source: international organizations, media not named one by one, and
-- sources quoted together ("Russian media"). SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt as SQLite's documentation prescribes: foreign keys off (which only
-- works outside a transaction, hence this migration runs its own), a new table copied from the
-- old, the old dropped, the new renamed (tests/migrations.rs checks no reference dangles).
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE sources_rebuilt (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    match_key   TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('official', 'state_media', 'independent_media', 'agency', 'ngo',
                                'international_org', 'media', 'aggregated',
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

INSERT INTO sources_rebuilt
    (id, name, match_key, kind, affiliation, country, language, homepage, notes, created_by,
     created_at, updated_at)
SELECT id, name, match_key, kind, affiliation, country, language, homepage, notes, created_by,
       created_at, updated_at
FROM sources;

DROP TABLE sources;
ALTER TABLE sources_rebuilt RENAME TO sources;

COMMIT;
PRAGMA foreign_keys = ON;
