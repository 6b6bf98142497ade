-- An editor's mark that a claim is overtaken by a later report or update of its thread: the
-- claim stays on record, shown struck through with a link to what superseded it, and the board
-- no longer counts it. A report's edit replaces its claims; the mark follows the new claim of
-- the same indicator and place (store/sqlite/reports/supersede.rs).
CREATE TABLE claim_supersessions (
    claim_id     TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    by_report_id TEXT REFERENCES reports(id),
    by_update_id TEXT REFERENCES updates(id),
    marked_by    TEXT REFERENCES users(id),
    marked_at    TEXT NOT NULL,
    CHECK ((by_report_id IS NULL) <> (by_update_id IS NULL))
);
CREATE INDEX claim_supersessions_report ON claim_supersessions(by_report_id);
CREATE INDEX claim_supersessions_update ON claim_supersessions(by_update_id);
