-- Marks the file as a Huiwu committee file in its header (PRAGMA application_id = «HUIW»), so
-- that Huiwu never mistakes another application's SQLite file for one of its own (db/identity.rs).
-- Files created from now on get the mark at creation; this stamps the files made before it.
PRAGMA application_id = 1213548887;
