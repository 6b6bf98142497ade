-- Full-text search over threads, updates, published reports and approved comments.
-- Case and accents are folded by the tokenizer: "almaty" finds "ALMATY", "nursultan" finds
-- "Nursultàn". Each document has a row in search_docs; the index shares its rowid.

CREATE TABLE search_docs (
    rowid     INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('thread', 'update', 'report', 'comment')),
    item_id   TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    UNIQUE (kind, item_id)
);

CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_thread_insert AFTER INSERT ON threads BEGIN
    INSERT INTO search_docs (kind, item_id, thread_id) VALUES ('thread', new.id, new.id);
    INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), new.title, new.lead);
END;
CREATE TRIGGER search_thread_update AFTER UPDATE OF title, lead ON threads BEGIN
    UPDATE search_index SET title = new.title, body = new.lead
    WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'thread' AND item_id = new.id);
END;

CREATE TRIGGER search_update_insert AFTER INSERT ON updates BEGIN
    INSERT INTO search_docs (kind, item_id, thread_id) VALUES ('update', new.id, new.thread_id);
    INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.body);
END;
CREATE TRIGGER search_update_update AFTER UPDATE OF body ON updates BEGIN
    UPDATE search_index SET body = new.body
    WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'update' AND item_id = new.id);
END;

-- Reports and comments are found only while readers can see them.
CREATE TRIGGER search_report_insert AFTER INSERT ON reports WHEN new.state = 'published' BEGIN
    INSERT INTO search_docs (kind, item_id, thread_id) VALUES ('report', new.id, new.thread_id);
    INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.body);
END;
CREATE TRIGGER search_report_update AFTER UPDATE OF body, state ON reports BEGIN
    DELETE FROM search_index
    WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'report' AND item_id = new.id);
    DELETE FROM search_docs WHERE kind = 'report' AND item_id = new.id;
    INSERT INTO search_docs (kind, item_id, thread_id)
    SELECT 'report', new.id, new.thread_id WHERE new.state = 'published';
    INSERT INTO search_index (rowid, title, body)
    SELECT last_insert_rowid(), '', new.body WHERE new.state = 'published';
END;

CREATE TRIGGER search_comment_insert AFTER INSERT ON comments WHEN new.status = 'approved' BEGIN
    INSERT INTO search_docs (kind, item_id, thread_id) VALUES ('comment', new.id, new.thread_id);
    INSERT INTO search_index (rowid, title, body) VALUES (last_insert_rowid(), '', new.body);
END;
CREATE TRIGGER search_comment_update AFTER UPDATE OF body, status ON comments BEGIN
    DELETE FROM search_index
    WHERE rowid = (SELECT rowid FROM search_docs WHERE kind = 'comment' AND item_id = new.id);
    DELETE FROM search_docs WHERE kind = 'comment' AND item_id = new.id;
    INSERT INTO search_docs (kind, item_id, thread_id)
    SELECT 'comment', new.id, new.thread_id WHERE new.status = 'approved';
    INSERT INTO search_index (rowid, title, body)
    SELECT last_insert_rowid(), '', new.body WHERE new.status = 'approved';
END;

-- What was written before search existed.
INSERT INTO search_docs (kind, item_id, thread_id) SELECT 'thread', id, id FROM threads;
INSERT INTO search_docs (kind, item_id, thread_id) SELECT 'update', id, thread_id FROM updates;
INSERT INTO search_docs (kind, item_id, thread_id)
    SELECT 'report', id, thread_id FROM reports WHERE state = 'published';
INSERT INTO search_docs (kind, item_id, thread_id)
    SELECT 'comment', id, thread_id FROM comments WHERE status = 'approved';
INSERT INTO search_index (rowid, title, body)
    SELECT d.rowid, t.title, t.lead FROM search_docs d JOIN threads t ON t.id = d.item_id
    WHERE d.kind = 'thread';
INSERT INTO search_index (rowid, title, body)
    SELECT d.rowid, '', u.body FROM search_docs d JOIN updates u ON u.id = d.item_id
    WHERE d.kind = 'update';
INSERT INTO search_index (rowid, title, body)
    SELECT d.rowid, '', r.body FROM search_docs d JOIN reports r ON r.id = d.item_id
    WHERE d.kind = 'report';
INSERT INTO search_index (rowid, title, body)
    SELECT d.rowid, '', c.body FROM search_docs d JOIN comments c ON c.id = d.item_id
    WHERE d.kind = 'comment';
