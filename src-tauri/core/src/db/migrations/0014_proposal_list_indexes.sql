-- The proposals' register and statistics read every column but the long texts (案由, 建议, 答复).
-- Those texts sit before the short columns in their rows, so reading a short column walked each long
-- row's overflow pages. These indexes hold the short columns, so a list or a count over thousands of
-- proposals reads the index alone (issue 11: under 50 ms over 5 000, with texts of real length).
CREATE INDEX IF NOT EXISTS proposals_register ON proposals(
    session_id, received_on, during_plenary, kind, collective_kind, collective_name, title, category,
    status, number, reviewed_on, reject_reason, outcome, merged_into, key_proposal, supervisor_id,
    assigned_on, deadline, talked_on, visited_on, visit_note, withdrawn_on, withdrawn_by,
    withdrawn_reason
);
CREATE INDEX IF NOT EXISTS proposal_answers_register ON proposal_answers(
    proposal_id, round, answered_on, answer_class, file_path, rating, rated_on
);
