-- Translations of content, republication credits, machine translations and detected languages.

-- Threads count the revisions of their title and lead, as updates and reports do, so a
-- translation knows which text it was made from.
ALTER TABLE threads ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
CREATE TABLE thread_revisions (
    thread_id  TEXT NOT NULL REFERENCES threads(id),
    revision   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    lead       TEXT NOT NULL,
    lead_html  TEXT NOT NULL,
    author_id  TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (thread_id, revision)
);
INSERT INTO thread_revisions (thread_id, revision, title, lead, lead_html, author_id, created_at)
    SELECT id, 1, title, lead, lead_html, created_by, created_at FROM threads;

-- An indicator's revision counts changes of its labels.
ALTER TABLE indicators ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Where a thread or an update was first published (JSON: publisher, title, url, published_at).
ALTER TABLE threads ADD COLUMN provenance TEXT;
ALTER TABLE updates ADD COLUMN provenance TEXT;

-- The language of a comment, given or detected; NULL when neither.
ALTER TABLE comments ADD COLUMN language TEXT;
-- Whether a report's language was detected rather than given.
ALTER TABLE reports ADD COLUMN language_detected BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE comments ADD COLUMN language_detected BOOLEAN NOT NULL DEFAULT FALSE;

-- One translation per item per language. Readers see `published_revision`; a later revision
-- waits as a draft until it is published.
CREATE TABLE translations (
    id                 TEXT PRIMARY KEY,
    thread_id          TEXT NOT NULL REFERENCES threads(id),
    kind               TEXT NOT NULL CHECK (kind IN ('thread', 'update', 'report', 'indicator')),
    item_id            TEXT NOT NULL,
    language           TEXT NOT NULL,
    revision           INTEGER NOT NULL,
    published_revision INTEGER,
    published_at       TEXT,
    created_by         TEXT NOT NULL REFERENCES users(id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (kind, item_id, language)
);
CREATE INDEX translations_thread ON translations(thread_id, language);

-- Every version of every translation.
CREATE TABLE translation_revisions (
    translation_id   TEXT NOT NULL REFERENCES translations(id),
    revision         INTEGER NOT NULL,
    title            TEXT,
    body             TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    translator_name  TEXT NOT NULL,
    translator_url   TEXT,
    publication_name TEXT,
    publication_url  TEXT,
    source_revision  INTEGER NOT NULL,
    machine_engine   TEXT,
    edited_by        TEXT NOT NULL REFERENCES users(id),
    created_at       TEXT NOT NULL,
    PRIMARY KEY (translation_id, revision)
);

-- Translators an editor trusts to publish on one thread.
CREATE TABLE thread_translators (
    thread_id  TEXT NOT NULL REFERENCES threads(id),
    user_id    TEXT NOT NULL REFERENCES users(id),
    added_by   TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (thread_id, user_id)
);

-- Machine translations readers asked for, kept so an engine translates a text once. A cached
-- text is used only while the original is unchanged (`source_text`).
CREATE TABLE machine_translations (
    kind          TEXT NOT NULL CHECK (kind IN ('comment', 'report', 'update', 'thread')),
    item_id       TEXT NOT NULL,
    language      TEXT NOT NULL,
    engine        TEXT NOT NULL,
    from_language TEXT NOT NULL,
    source_text   TEXT NOT NULL,
    text          TEXT NOT NULL,
    html          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (kind, item_id, language, engine)
);

-- Published translations are found by search like the originals; rowids follow
-- translation_search_docs.
CREATE TABLE translation_search_docs (
    rowid          INTEGER PRIMARY KEY,
    translation_id TEXT NOT NULL UNIQUE REFERENCES translations(id)
);
CREATE VIRTUAL TABLE translation_search USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER translation_search_publish AFTER UPDATE OF published_revision ON translations
BEGIN
    DELETE FROM translation_search
    WHERE rowid = (SELECT rowid FROM translation_search_docs WHERE translation_id = new.id);
    DELETE FROM translation_search_docs WHERE translation_id = new.id;
    INSERT INTO translation_search_docs (translation_id)
    SELECT new.id WHERE new.published_revision IS NOT NULL;
    INSERT INTO translation_search (rowid, title, body)
    SELECT last_insert_rowid(), COALESCE(r.title, ''), r.body
    FROM translation_revisions r
    WHERE new.published_revision IS NOT NULL
      AND r.translation_id = new.id AND r.revision = new.published_revision;
END;
