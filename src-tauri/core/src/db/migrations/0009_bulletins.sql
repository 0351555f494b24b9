-- Huiwu schema, version 9: session bulletins (简报).
-- A bulletin belongs to a session (numbered per session) or, with session_id NULL, to the
-- committee (its own numbering). Numbers are never reused: a withdrawn draft keeps its row
-- (deleted_at set), and the next number is one past the highest ever given in its series.

CREATE TABLE bulletins (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER REFERENCES sessions(id),
    number          INTEGER NOT NULL CHECK (number > 0),       -- 第N期
    name            TEXT NOT NULL,                             -- 政协安宁市第六届委员会第四次会议简报
    issuer          TEXT NOT NULL DEFAULT '',                  -- 大会秘书处
    date            TEXT NOT NULL,                             -- 'YYYY-MM-DD'
    title           TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL DEFAULT '',                  -- one paragraph a line
    send_to         TEXT NOT NULL DEFAULT '',                  -- 报送
    distribute_to   TEXT NOT NULL DEFAULT '',                  -- 分送
    copies          INTEGER CHECK (copies IS NULL OR copies > 0), -- 共印N份
    deleted_at      TEXT,                                      -- withdrawn; its number stays used
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX bulletins_number ON bulletins(COALESCE(session_id, 0), number);

-- The remarks a bulletin quotes, in the order it quotes them. A remark may be quoted in several.
CREATE TABLE bulletin_remarks (
    bulletin_id     INTEGER NOT NULL REFERENCES bulletins(id),
    remark_id       INTEGER NOT NULL REFERENCES remarks(id),
    seq             INTEGER NOT NULL,
    PRIMARY KEY (bulletin_id, remark_id)
);
CREATE INDEX bulletin_remarks_remark ON bulletin_remarks(remark_id);
