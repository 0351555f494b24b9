-- Proposals (提案): handling units, proposals with their submitters, review, assignment, answers
-- (one row per round: an unsatisfied rating sends the proposal back and keeps the earlier answer).
-- Nothing is deleted: a withdrawn proposal is marked 撤案 with who and why.
-- IF NOT EXISTS: a snapshot made older by hand in the snapshot tests may still hold these tables.

CREATE TABLE IF NOT EXISTS proposal_units (                -- 承办单位, maintained by the secretariat
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS proposals (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id), -- the session whose year it belongs to
    during_plenary  INTEGER NOT NULL DEFAULT 0,               -- 大会期间 (1) or 平时 (0)
    kind            TEXT NOT NULL CHECK (kind IN ('member','collective')),
    collective_kind TEXT NOT NULL DEFAULT ''                  -- party | organisation | sector | special_committee
                    CHECK (collective_kind IN ('','party','organisation','sector','special_committee')),
    collective_name TEXT NOT NULL DEFAULT '',                 -- 民盟安宁市委员会, 经济界别, 提案委员会 ...
    title           TEXT NOT NULL,
    category        TEXT NOT NULL,
    case_text       TEXT NOT NULL DEFAULT '',                 -- 案由
    suggestions     TEXT NOT NULL DEFAULT '',                 -- 建议
    received_on     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received','filed','not_filed','merged')),
    number          INTEGER,                                  -- 立案号 within the session, never reused
    reviewed_on     TEXT,
    reject_reason   TEXT NOT NULL DEFAULT '',
    outcome         TEXT CHECK (outcome IN ('work_suggestion','sqmy','letter','returned')),
    merged_into     INTEGER REFERENCES proposals(id),
    key_proposal    INTEGER NOT NULL DEFAULT 0,               -- 重点提案
    supervisor_id   INTEGER REFERENCES members(id),           -- 督办 chair
    assigned_on     TEXT,
    deadline        TEXT,
    talked_on       TEXT,                                     -- 面商
    visited_on      TEXT,                                     -- 回访
    visit_note      TEXT NOT NULL DEFAULT '',
    withdrawn_on    TEXT,                                     -- 撤案
    withdrawn_by    TEXT NOT NULL DEFAULT '',
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS proposals_number ON proposals(session_id, number) WHERE number IS NOT NULL;
CREATE INDEX IF NOT EXISTS proposals_session ON proposals(session_id, received_on);

CREATE TABLE IF NOT EXISTS proposal_submitters (           -- first submitter (position 0) and 联名
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    position        INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, member_id)
);
CREATE INDEX IF NOT EXISTS proposal_submitters_member ON proposal_submitters(member_id);

CREATE TABLE IF NOT EXISTS proposal_assignments (          -- 主办 (lead) and 会办 (co)
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    unit_id         INTEGER NOT NULL REFERENCES proposal_units(id),
    role            TEXT NOT NULL CHECK (role IN ('lead','co')),
    PRIMARY KEY (proposal_id, unit_id)
);
CREATE INDEX IF NOT EXISTS proposal_assignments_unit ON proposal_assignments(unit_id);

CREATE TABLE IF NOT EXISTS proposal_answers (              -- 答复, one per round of handling
    id              INTEGER PRIMARY KEY,
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    round           INTEGER NOT NULL,
    answered_on     TEXT NOT NULL,
    answer_class    TEXT NOT NULL CHECK (answer_class IN ('A','B','C')),
    text            TEXT NOT NULL DEFAULT '',
    file_path       TEXT NOT NULL DEFAULT '',
    rating          TEXT CHECK (rating IN ('satisfied','basically_satisfied','unsatisfied')),
    rated_on        TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (proposal_id, round)
);
