-- Huiwu schema, version 5: minutes (纪要) of a sitting or of a whole meeting.
-- The attendance block is not stored: it is generated from the attendance records at export.

CREATE TABLE minutes (
    id               INTEGER PRIMARY KEY,
    sitting_id       INTEGER REFERENCES sittings(id),
    meeting_id       INTEGER REFERENCES meetings(id),
    mark             TEXT NOT NULL,                 -- 纪要标志: 主席会议纪要
    issue_number     INTEGER CHECK (issue_number IS NULL OR issue_number > 0),  -- 第N期
    office           TEXT NOT NULL DEFAULT '',      -- issuing office (印发机关)
    date             TEXT NOT NULL,                 -- 'YYYY-MM-DD', printed 2021年1月19日
    body             TEXT NOT NULL DEFAULT '',      -- one paragraph a line; headings 一、 （一） 1. （1）
    attendance_order TEXT NOT NULL DEFAULT 'role_strokes'
                     CHECK (attendance_order IN ('role_strokes', 'roster')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((sitting_id IS NULL) <> (meeting_id IS NULL))
);
CREATE UNIQUE INDEX minutes_sitting ON minutes(sitting_id) WHERE sitting_id IS NOT NULL;
CREATE UNIQUE INDEX minutes_meeting ON minutes(meeting_id) WHERE meeting_id IS NOT NULL;
