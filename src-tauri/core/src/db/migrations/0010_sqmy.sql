-- Huiwu schema, version 10: 社情民意信息 — items of public opinion sent in by members or units,
-- edited into numbered issues of the bulletin 《社情民意》 (第N期 within a year; one or more items
-- an issue), sent up (报送), and their outcomes: 采用 (by whom) and 批示 (which leader, summary).
-- Nothing is deleted: a mistaken item is withdrawn (撤回) with a reason.

CREATE TABLE sqmy_issues (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    number          INTEGER NOT NULL CHECK (number > 0),   -- 第N期 within the year
    date            TEXT NOT NULL,                         -- 'YYYY-MM-DD', printed on the issue
    sent_on         TEXT,                                  -- 报送 date; NULL = not yet sent
    sent_to         TEXT NOT NULL DEFAULT '',              -- 报送
    cc              TEXT NOT NULL DEFAULT '',              -- 抄送
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (year, number)
);

CREATE TABLE sqmy_items (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    content         TEXT NOT NULL DEFAULT '',              -- one paragraph a line
    unit            TEXT NOT NULL DEFAULT '',              -- the submitting unit, when not members
    received_on     TEXT NOT NULL,                         -- 'YYYY-MM-DD'
    source          TEXT NOT NULL DEFAULT 'submitted'
                    CHECK (source IN ('submitted','proposal','meeting','other')),
    from_proposal   INTEGER,                               -- the proposal it came from (不予立案 → 社情民意信息)
    issue_id        INTEGER REFERENCES sqmy_issues(id),
    issue_seq       INTEGER,                               -- its place in the issue
    withdrawn_at    TEXT,
    withdrawn_reason TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX sqmy_items_received ON sqmy_items(received_on);
CREATE INDEX sqmy_items_issue ON sqmy_items(issue_id, issue_seq);

CREATE TABLE sqmy_item_members (                           -- the members who sent it in, first first
    item_id         INTEGER NOT NULL REFERENCES sqmy_items(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    seq             INTEGER NOT NULL,
    PRIMARY KEY (item_id, member_id)
);
CREATE INDEX sqmy_item_members_member ON sqmy_item_members(member_id);

CREATE TABLE sqmy_outcomes (                               -- 采用 / 批示 of an item
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES sqmy_items(id),
    kind            TEXT NOT NULL CHECK (kind IN ('adopted','instructed')),
    by_whom         TEXT NOT NULL,                         -- 采用: 省政协办公厅; 批示: the leader (by office)
    summary         TEXT NOT NULL DEFAULT '',
    date            TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX sqmy_outcomes_item ON sqmy_outcomes(item_id);
