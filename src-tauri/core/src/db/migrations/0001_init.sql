-- Huiwu schema, version 1: the committee, settings, the audit trail, and the shared backbone every
-- feature hangs on: sectors, groups, members and their membership history, invitees, sessions,
-- meetings, sittings (with who is expected) and agenda items.
-- Dates are ISO 'YYYY-MM-DD' text, times 'HH:MM', instants RFC 3339 text (local time with offset).

CREATE TABLE committee (
    id              INTEGER PRIMARY KEY CHECK (id = 1),      -- one committee per file
    name            TEXT NOT NULL,                           -- 政协安宁市第六届委员会
    short_name      TEXT NOT NULL DEFAULT '',                -- 安宁市政协
    term_number     INTEGER NOT NULL CHECK (term_number > 0),-- 届: 6
    term_start      TEXT,
    term_end        TEXT,
    secretariat     TEXT NOT NULL DEFAULT '',                -- 政协安宁市委员会办公室 (issuing office)
    created_at      TEXT NOT NULL
);

CREATE TABLE settings (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);

-- Every change, written in the same transaction as the change itself.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    operator        TEXT NOT NULL,
    entity          TEXT NOT NULL,           -- 'member', 'sitting', 'attendance', ...
    entity_id       TEXT,
    action          TEXT NOT NULL,           -- 'create' | 'update' | 'delete' | a verb of the feature
    old_value       TEXT,                    -- JSON or NULL
    new_value       TEXT                     -- JSON or NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE sectors (                       -- 界别
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    sort_order      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE groups (                        -- 讨论小组 (may hold several sectors)
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    convener_id     INTEGER REFERENCES members(id),  -- 召集人
    recorder        TEXT NOT NULL DEFAULT ''         -- staff recorder
);

CREATE TABLE members (                       -- 委员; nobody is ever deleted
    id              INTEGER PRIMARY KEY,
    member_no       TEXT UNIQUE,             -- 委员编号 (badge)
    name            TEXT NOT NULL,
    gender          TEXT NOT NULL DEFAULT '',-- 男 / 女
    ethnicity       TEXT NOT NULL DEFAULT '',
    birth_month     TEXT,                    -- 'YYYY-MM'
    party           TEXT NOT NULL DEFAULT '',
    sector_id       INTEGER REFERENCES sectors(id),
    group_id        INTEGER REFERENCES groups(id),
    role            TEXT NOT NULL DEFAULT 'member'
                    CHECK (role IN ('chair','vice_chair','secretary_general','standing','member')),
    workplace       TEXT NOT NULL DEFAULT '',
    post            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    seat            TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    roster_order    INTEGER NOT NULL DEFAULT 0,
    joined_on       TEXT NOT NULL,           -- took office
    left_on         TEXT,                    -- left office (derived from membership_events, kept for queries)
    name_pinyin     TEXT NOT NULL DEFAULT '',-- 'zhangwei' (search)
    name_initials   TEXT NOT NULL DEFAULT '',-- 'zw'
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX members_name ON members(name);
CREATE INDEX members_group ON members(group_id);

-- Membership over time: joining, 辞去委员职务, 辞去常委职务, 责令辞去, 撤销委员资格, death, role changes.
CREATE TABLE membership_events (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    kind            TEXT NOT NULL,           -- joined | resigned | standing_resigned | ordered_to_resign | revoked | died | role_changed
    effective_on    TEXT NOT NULL,
    reference       TEXT NOT NULL DEFAULT '',-- the decision's reference
    detail          TEXT NOT NULL DEFAULT '',-- e.g. JSON {"from":"standing","to":"member"}
    created_at      TEXT NOT NULL
);
CREATE INDEX membership_events_member ON membership_events(member_id, effective_on);

CREATE TABLE invitees (                      -- 列席人员: their own roster
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL DEFAULT '',
    post            TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    name_pinyin     TEXT NOT NULL DEFAULT '',
    name_initials   TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);

CREATE TABLE sessions (                      -- 次会议 of the plenary: 六届四次会议
    id              INTEGER PRIMARY KEY,
    term_number     INTEGER NOT NULL,
    session_number  INTEGER NOT NULL,
    name            TEXT NOT NULL,
    year            INTEGER NOT NULL,
    opened_on       TEXT,
    closed_on       TEXT,
    UNIQUE (term_number, session_number)
);

CREATE TABLE meetings (                      -- 会议 of any kind
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('plenary','standing_committee','chairs_council',
                        'party_group','study_group','topical_consultation','forum','other')),
    title           TEXT NOT NULL,
    session_id      INTEGER REFERENCES sessions(id),   -- set for kind = 'plenary'
    ordinal         INTEGER,                           -- 第N次 (e.g. 常委会第十二次会议)
    topical         INTEGER NOT NULL DEFAULT 0,        -- 专题议政性 (standing committee)
    enlarged        INTEGER NOT NULL DEFAULT 0,        -- 扩大 (chairs' council)
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX meetings_date ON meetings(start_date);

CREATE TABLE sittings (                      -- 场次: one half-day unit; attendance is per sitting
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id),
    seq             INTEGER NOT NULL,
    title           TEXT NOT NULL,           -- 开幕会, 第一组分组讨论, ...
    kind            TEXT NOT NULL DEFAULT 'other',  -- preparatory | opening | group_discussion | plenary_speech | closing | listen_in | other
    date            TEXT NOT NULL,
    half_day        TEXT NOT NULL DEFAULT 'am' CHECK (half_day IN ('am','pm','eve')),
    start_time      TEXT NOT NULL DEFAULT '',
    end_time        TEXT NOT NULL DEFAULT '',
    venue           TEXT NOT NULL DEFAULT '',
    presiding       TEXT NOT NULL DEFAULT '',-- 主持人 (names, 、-separated)
    expect          TEXT NOT NULL DEFAULT 'all' CHECK (expect IN ('all','standing','groups','chosen')),
    election        INTEGER NOT NULL DEFAULT 0,     -- an election sitting (two-thirds threshold)
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','open','closed')),
    created_at      TEXT NOT NULL,
    UNIQUE (meeting_id, seq)
);
CREATE INDEX sittings_date ON sittings(date);

CREATE TABLE sitting_groups (                -- expect = 'groups'
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
    group_id        INTEGER NOT NULL REFERENCES groups(id),
    PRIMARY KEY (sitting_id, group_id)
);

CREATE TABLE sitting_members (               -- expect = 'chosen'
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (sitting_id, member_id)
);

CREATE TABLE sitting_invitees (              -- 列席 invited to a sitting
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
    invitee_id      INTEGER NOT NULL REFERENCES invitees(id),
    PRIMARY KEY (sitting_id, invitee_id)
);

CREATE TABLE agenda_items (                  -- 议程
    id              INTEGER PRIMARY KEY,
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    title           TEXT NOT NULL,
    presenter       TEXT NOT NULL DEFAULT ''
);
