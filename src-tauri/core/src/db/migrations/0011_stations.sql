-- Huiwu schema: several laptops in one hall (分站). The committee file (the master) cuts packages
-- for check-in desks and group recorders; each station hands back what it recorded as a SQLite
-- changeset, which the master merges.
--
-- Rows that stations create (check-in events, leave, remarks) need keys that never collide with the
-- master's or another station's. The integer ids stay as they are (every query keeps using them);
-- each such row also gets a text `uid`: the prefix of the file that created it and its id there
-- (`m3f9a…-e12`, `s81c0…-e7`). The changesets are keyed by it.

CREATE TABLE sync_identity (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    file_uid        TEXT NOT NULL,           -- this file's identity (its copies and backups share it)
    key_prefix      TEXT NOT NULL,           -- the prefix of the uids of the rows this file creates
    role            TEXT NOT NULL DEFAULT 'master' CHECK (role IN ('master', 'station')),
    -- a station only:
    station_uid     TEXT,
    station_name    TEXT NOT NULL DEFAULT '',
    station_kind    TEXT CHECK (station_kind IN ('desk', 'recorder')),
    package_uid     TEXT,
    master_uid      TEXT,
    manifest        TEXT,                    -- the package's manifest (JSON)
    base            TEXT,                    -- what the package held of the exchanged rows (JSON): the hand-back is the difference from it
    opened_at       TEXT
);
INSERT INTO sync_identity (id, file_uid, key_prefix)
    VALUES (1, lower(hex(randomblob(16))), 'm' || lower(hex(randomblob(8))));

ALTER TABLE attendance_events ADD COLUMN uid TEXT;
ALTER TABLE leaves ADD COLUMN uid TEXT;
ALTER TABLE remarks ADD COLUMN uid TEXT;
UPDATE attendance_events SET uid = (SELECT key_prefix FROM sync_identity) || '-e' || id;
UPDATE leaves SET uid = (SELECT key_prefix FROM sync_identity) || '-l' || id;
UPDATE remarks SET uid = (SELECT key_prefix FROM sync_identity) || '-r' || id;
CREATE UNIQUE INDEX attendance_events_uid ON attendance_events(uid);
CREATE UNIQUE INDEX leaves_uid ON leaves(uid);
CREATE UNIQUE INDEX remarks_uid ON remarks(uid);

-- Every row inserted without a uid (all of today's code) gets one; the merge sets it itself.
CREATE TRIGGER attendance_events_uid AFTER INSERT ON attendance_events WHEN NEW.uid IS NULL BEGIN
    UPDATE attendance_events SET uid = (SELECT key_prefix FROM sync_identity) || '-e' || NEW.id WHERE id = NEW.id;
END;
CREATE TRIGGER leaves_uid AFTER INSERT ON leaves WHEN NEW.uid IS NULL BEGIN
    UPDATE leaves SET uid = (SELECT key_prefix FROM sync_identity) || '-l' || NEW.id WHERE id = NEW.id;
END;
CREATE TRIGGER remarks_uid AFTER INSERT ON remarks WHEN NEW.uid IS NULL BEGIN
    UPDATE remarks SET uid = (SELECT key_prefix FROM sync_identity) || '-r' || NEW.id WHERE id = NEW.id;
END;

-- The master: the packages it cut (分站), each merge, and the conflicts a person must decide.
CREATE TABLE station_packages (
    id              INTEGER PRIMARY KEY,
    package_uid     TEXT NOT NULL UNIQUE,
    station_uid     TEXT NOT NULL,
    name            TEXT NOT NULL,           -- 签到台（开幕会） / 第一组记录
    kind            TEXT NOT NULL CHECK (kind IN ('desk', 'recorder')),
    scope           TEXT NOT NULL,           -- JSON: the sittings, the group, the meeting
    exported_at     TEXT NOT NULL,
    audit_id        INTEGER NOT NULL,        -- the audit row of the export: the master state it was cut from
    operator        TEXT NOT NULL DEFAULT '',
    last_merged_at  TEXT,
    merges          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE station_merges (
    id              INTEGER PRIMARY KEY,
    package_id      INTEGER NOT NULL REFERENCES station_packages(id),
    file_sha256     TEXT NOT NULL,
    merged_at       TEXT NOT NULL,
    operator        TEXT NOT NULL DEFAULT '',
    station_operator TEXT NOT NULL DEFAULT '',
    applied         INTEGER NOT NULL DEFAULT 0,
    already         INTEGER NOT NULL DEFAULT 0,
    conflicts       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX station_merges_package ON station_merges(package_id, id);

CREATE TABLE station_conflicts (
    id              INTEGER PRIMARY KEY,
    package_id      INTEGER NOT NULL REFERENCES station_packages(id),
    row_uid         TEXT NOT NULL,           -- the station's event, leave or remark
    kind            TEXT NOT NULL CHECK (kind IN ('sitting_closed', 'member_left', 'remark_edited', 'remark_missing', 'other')),
    description     TEXT NOT NULL,
    station_value   TEXT NOT NULL,           -- the station's row (JSON)
    master_value    TEXT,                    -- the master's row beside it (JSON), when there is one
    created_at      TEXT NOT NULL,
    decision        TEXT CHECK (decision IN ('applied', 'rejected')),
    decided_at      TEXT,
    decided_by      TEXT NOT NULL DEFAULT '',
    UNIQUE (row_uid, station_value)
);
