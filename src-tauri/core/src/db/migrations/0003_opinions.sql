-- Huiwu schema, version 3: consultation opinions (协商意见).
-- Reports under consultation per session, optionally split into sections; the raw remarks members
-- make on them in group discussion; the numbered opinions the secretariat consolidates them into,
-- each linked to every remark behind it; feedback from the receiving body; a persisted undo stack
-- of consolidation operations; a trigram full-text index of the remarks for Chinese search.

CREATE TABLE reports (                       -- 报告 under consultation
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    kind            TEXT NOT NULL CHECK (kind IN ('government','court','procuratorate',
                        'standing_committee','proposal_work','plan_budget','other')),
    title           TEXT NOT NULL,           -- 政府工作报告
    issuing_body    TEXT NOT NULL DEFAULT '',-- 安宁市人民政府 (also the default receiving body)
    body_text       TEXT NOT NULL DEFAULT '',-- the report's text, if entered
    list_title      TEXT NOT NULL DEFAULT '',-- title of the printed list; '' = 关于《title》的协商意见
    sort_order      INTEGER NOT NULL DEFAULT 0,
    finalised_at    TEXT,                    -- the opinion list is final (定稿) when set
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX reports_session ON reports(session_id, sort_order);

CREATE TABLE report_sections (               -- 一、二、… of a report's text
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    heading         TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    UNIQUE (report_id, seq)
);

CREATE TABLE remarks (                       -- 发言意见: one raw remark; never deleted once placed
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    section_id      INTEGER REFERENCES report_sections(id),
    sitting_id      INTEGER NOT NULL REFERENCES sittings(id),
    speaker_id      INTEGER REFERENCES members(id),  -- NULL = the group as a whole
    group_id        INTEGER REFERENCES groups(id),   -- the speaker's group, or the group speaking
    text            TEXT NOT NULL,
    set_aside_reason TEXT,                   -- 不纳入 with this reason when not NULL
    set_aside_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (speaker_id IS NOT NULL OR group_id IS NOT NULL)
);
CREATE INDEX remarks_report ON remarks(report_id, id);
CREATE INDEX remarks_speaker ON remarks(speaker_id);
CREATE INDEX remarks_group ON remarks(report_id, group_id);

CREATE TABLE opinions (                      -- 协商意见: a numbered item of a report's list
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    seq             INTEGER NOT NULL,        -- kept 1..N in list order: the printed number
    topic           TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX opinions_report ON opinions(report_id, seq);

CREATE TABLE opinion_remarks (               -- which remarks an opinion consolidates
    opinion_id      INTEGER NOT NULL REFERENCES opinions(id) ON DELETE CASCADE,
    remark_id       INTEGER NOT NULL UNIQUE REFERENCES remarks(id),  -- a remark sits in one opinion
    seq             INTEGER NOT NULL,
    PRIMARY KEY (opinion_id, remark_id)
);

CREATE TABLE opinion_feedback (              -- 反馈 from the receiving body
    opinion_id      INTEGER PRIMARY KEY REFERENCES opinions(id) ON DELETE CASCADE,
    receiving_body  TEXT NOT NULL DEFAULT '',
    sent_on         TEXT,                    -- 'YYYY-MM-DD'
    adoption        TEXT CHECK (adoption IN ('adopted','partly_adopted','for_reference','not_adopted')),
    reply           TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL
);

-- Undo stack of consolidation operations, per report: the report's consolidation state as it was
-- before each operation (JSON), newest last.
CREATE TABLE opinion_undo (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports(id),
    label           TEXT NOT NULL,           -- 合并 / 拆分 / 移动 / ... shown as «撤销合并»
    snapshot        TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX opinion_undo_report ON opinion_undo(report_id, id);

-- Chinese full-text search over remark texts (trigram: queries of 3+ characters).
CREATE VIRTUAL TABLE remarks_fts USING fts5(text, content = 'remarks', content_rowid = 'id',
                                            tokenize = 'trigram');
CREATE TRIGGER remarks_fts_ai AFTER INSERT ON remarks BEGIN
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER remarks_fts_ad AFTER DELETE ON remarks BEGIN
    INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER remarks_fts_au AFTER UPDATE OF text ON remarks BEGIN
    INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text);
END;
