-- Writes that several writers may race on are decided by the database, not by a read before
-- the insert (safe only with one writer, as SQLite has; PostgreSQL has many):
--
-- * one open flag per account and comment: the insert of a second one fails on this index
--   (guests have no account, so their flags are not limited here);
-- * revision numbers already are primary keys (`update_revisions`, `comment_revisions`,
--   `thread_revisions`, `report_revisions`, `translation_revisions`), so two writers that
--   count the same next number cannot both store it;
-- * a gazetteer city copied into `places` on first use is keyed by its id, and the copy is
--   an insert that does nothing when the city is already there.
--
-- The store refused a second open flag by one account before this index existed, so the
-- stored flags already satisfy it.
CREATE UNIQUE INDEX comment_flags_one_open_per_reporter
    ON comment_flags(comment_id, reporter_id)
    WHERE resolved_at IS NULL AND reporter_id IS NOT NULL;
