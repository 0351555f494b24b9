-- Huiwu schema: roster imports recorded as batches, so that a mistaken import can be undone as one.
-- An import that is undone deletes the members it created (only while nothing points at them) and
-- gives the members it updated their previous values back (only while nobody changed them since).

CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    operator        TEXT NOT NULL DEFAULT '',
    created         INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    -- membership_events with first_event_id < id <= last_event_id were written by this import
    first_event_id  INTEGER NOT NULL DEFAULT 0,
    last_event_id   INTEGER NOT NULL DEFAULT 0,
    new_sectors     TEXT NOT NULL DEFAULT '[]',   -- JSON ids of the sectors the import created
    new_groups      TEXT NOT NULL DEFAULT '[]',   -- JSON ids of the groups the import created
    undone_at       TEXT,
    undone_by       TEXT NOT NULL DEFAULT ''
);

-- No foreign key on member_id on purpose: undoing the import deletes the members it created, and
-- this record of what the import did must outlive them (and must not count as a record that
-- depends on the member).
CREATE TABLE import_batch_members (
    batch_id        INTEGER NOT NULL REFERENCES import_batches(id),
    member_id       INTEGER NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('create', 'update')),
    before          TEXT,                    -- the member's row (JSON) before an update
    after           TEXT NOT NULL DEFAULT '',-- the member's row (JSON) as the import left it
    PRIMARY KEY (batch_id, member_id)
);
CREATE INDEX import_batch_members_member ON import_batch_members(member_id);
