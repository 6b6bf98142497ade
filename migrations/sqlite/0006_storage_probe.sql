-- One row that `/readyz` rewrites after a storage fault, to learn whether the storage takes
-- writes again: `payload` is about as large as the largest update, so that a disk with room
-- for a few bytes only does not count as ready.
CREATE TABLE storage_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_at TEXT NOT NULL,
    payload    BLOB NOT NULL
);
