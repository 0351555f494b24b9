-- Huiwu schema, version 2: roster and meetings.
-- Members: a user's decision that two same-name, same-birth-month people are really two people.
ALTER TABLE members ADD COLUMN distinct_confirmed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX members_initials ON members(name_initials);

-- Meetings: the office that organises / presides (承办 / 主办), and the venue of the meeting.
ALTER TABLE meetings ADD COLUMN organizer TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN venue TEXT NOT NULL DEFAULT '';

-- Sittings: free notes (e.g. who presides the groups), kept beside the agenda.
ALTER TABLE sittings ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE INDEX sittings_meeting ON sittings(meeting_id, seq);
