-- Huiwu schema, version 4: attendance (考勤).
-- Attendance is derived, never stored as a status: from the check-in events of each person at each
-- sitting, the leave records that cover the sitting, and whether the sitting's attendance is closed.

-- What happened at the desk, per person per sitting, with its time. Nothing is deleted: an event is
-- taken back by a later 'undo' event that names it (the desk's undo, or a correction).
CREATE TABLE attendance_events (
    id              INTEGER PRIMARY KEY,
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
    member_id       INTEGER REFERENCES members(id),
    invitee_id      INTEGER REFERENCES invitees(id),
    kind            TEXT NOT NULL CHECK (kind IN ('check_in','leave_early','return','undo')),
    at              TEXT NOT NULL,           -- when it happened (RFC 3339, local time with offset)
    undoes          INTEGER REFERENCES attendance_events(id),
    source          TEXT NOT NULL DEFAULT 'desk' CHECK (source IN ('desk','correction','import')),
    note            TEXT NOT NULL DEFAULT '',
    operator        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK ((member_id IS NULL) <> (invitee_id IS NULL)),
    CHECK ((kind = 'undo') = (undoes IS NOT NULL))
);
CREATE INDEX attendance_events_sitting ON attendance_events(sitting_id, id);
CREATE INDEX attendance_events_member ON attendance_events(member_id, sitting_id);
CREATE UNIQUE INDEX attendance_events_undone_once ON attendance_events(undoes) WHERE undoes IS NOT NULL;

-- 请假: one record, for one sitting or a range of sittings (leave_sittings), whole or part.
CREATE TABLE leaves (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    kind            TEXT NOT NULL CHECK (kind IN ('sick','personal','official','other')), -- 因病 因事 公务 其他
    kind_label      TEXT NOT NULL DEFAULT '',-- what 'other' is
    reason          TEXT NOT NULL DEFAULT '',
    approver        TEXT NOT NULL DEFAULT '',-- 批准人: chair, vice-chair, secretary-general, convener
    part            INTEGER NOT NULL DEFAULT 0 CHECK (part IN (0, 1)),
    from_time       TEXT,                    -- 'HH:MM' when part
    to_time         TEXT,                    -- 'HH:MM' when part
    entered         TEXT NOT NULL CHECK (entered IN ('before','during','after')),
    cancelled_at    TEXT,
    cancel_reason   TEXT NOT NULL DEFAULT '',
    operator        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    CHECK (part = 0 OR (from_time IS NOT NULL AND to_time IS NOT NULL))
);
CREATE INDEX leaves_member ON leaves(member_id);

CREATE TABLE leave_sittings (
    leave_id        INTEGER NOT NULL REFERENCES leaves(id) ON DELETE CASCADE,
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
    PRIMARY KEY (leave_id, sitting_id)
);
CREATE INDEX leave_sittings_sitting ON leave_sittings(sitting_id);

-- A sitting whose attendance is closed: those expected with neither presence nor leave are 缺席.
-- Who was expected is frozen at closing, so later roster changes do not rewrite the record.
CREATE TABLE attendance_closures (
    sitting_id      INTEGER PRIMARY KEY REFERENCES sittings(id) ON DELETE CASCADE,
    closed_at       TEXT NOT NULL,
    operator        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE attendance_expected (
    sitting_id      INTEGER NOT NULL REFERENCES attendance_closures(sitting_id) ON DELETE CASCADE,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (sitting_id, member_id)
);
CREATE INDEX attendance_expected_member ON attendance_expected(member_id);

-- Rules per meeting kind (meetings.kind), and 'election' for election sittings: how many minutes
-- after the start a check-in is still on time, and the quorum: present * denominator compared with
-- expected * numerator, strictly greater (过半数) or at least (三分之二以上).
CREATE TABLE attendance_rules (
    meeting_kind        TEXT PRIMARY KEY,
    late_grace_minutes  INTEGER NOT NULL DEFAULT 0 CHECK (late_grace_minutes >= 0),
    quorum_numerator    INTEGER NOT NULL CHECK (quorum_numerator > 0),
    quorum_denominator  INTEGER NOT NULL CHECK (quorum_denominator >= quorum_numerator),
    quorum_strict       INTEGER NOT NULL CHECK (quorum_strict IN (0, 1))
);
INSERT INTO attendance_rules (meeting_kind, late_grace_minutes, quorum_numerator, quorum_denominator, quorum_strict) VALUES
    ('plenary', 0, 1, 2, 1),
    ('standing_committee', 0, 1, 2, 1),
    ('chairs_council', 0, 1, 2, 1),
    ('party_group', 0, 1, 2, 1),
    ('study_group', 0, 1, 2, 1),
    ('topical_consultation', 0, 1, 2, 1),
    ('forum', 0, 1, 2, 1),
    ('other', 0, 1, 2, 1),
    ('election', 0, 2, 3, 0);
