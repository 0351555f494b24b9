-- Huiwu schema, version 12: the year's record outside the plenary (the work report's figures).
-- Duties (履职活动) the work report counts that are not meetings: 协商在基层 activities, research
-- and inspection topics (调研课题 / 视察课题) with the members taking part and the report produced,
-- delegations received (one row per 批次, its 人次), training (person-times, or the members on a
-- course), reports to the party committee. The 意见建议 a consultation produced (a 专题议政性常委会,
-- 专题协商会, 座谈协商 meeting, or a 协商在基层 activity) as numbered items with feedback, the same
-- model as a plenary report's opinions; who raised each. The work report's data-section draft.

CREATE TABLE duties (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('grassroots','research','inspection','delegation',
                        'external_training','member_training','party_report')),
    title           TEXT NOT NULL,
    lead            TEXT NOT NULL DEFAULT '',    -- 牵头领导 / 来访单位 / 承办单位
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    person_times    INTEGER NOT NULL DEFAULT 0 CHECK (person_times >= 0),  -- 人次 (delegations, training)
    report_title    TEXT NOT NULL DEFAULT '',    -- the report produced or sent
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX duties_kind_date ON duties(kind, start_date);

CREATE TABLE duty_members (                  -- members taking part (lead = 牵头)
    duty_id         INTEGER NOT NULL REFERENCES duties(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    lead            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (duty_id, member_id)
);
CREATE INDEX duty_members_member ON duty_members(member_id);

CREATE TABLE consultation_items (            -- 意见建议 of one consultation, numbered 1..N
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER REFERENCES meetings(id),
    duty_id         INTEGER REFERENCES duties(id),
    seq             INTEGER NOT NULL,
    topic           TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL,
    receiving_body  TEXT NOT NULL DEFAULT '',
    adoption        TEXT CHECK (adoption IN ('adopted','partly_adopted','for_reference','not_adopted')),
    reply           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((meeting_id IS NULL) <> (duty_id IS NULL))
);
CREATE INDEX consultation_items_meeting ON consultation_items(meeting_id, seq);
CREATE INDEX consultation_items_duty ON consultation_items(duty_id, seq);

CREATE TABLE consultation_item_speakers (    -- the members who raised an item
    item_id         INTEGER NOT NULL REFERENCES consultation_items(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (item_id, member_id)
);
CREATE INDEX consultation_item_speakers_member ON consultation_item_speakers(member_id);

CREATE TABLE year_drafts (                   -- the work report's data section as the writer edited it
    period_from     TEXT NOT NULL,
    period_to       TEXT NOT NULL,
    text            TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (period_from, period_to)
);
