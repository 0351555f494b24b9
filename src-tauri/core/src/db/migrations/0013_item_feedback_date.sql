-- Huiwu schema, version 13: the date the feedback (反馈) on a consultation's 意见建议 came back,
-- entered with the reply by the clerk (year's records entry).
ALTER TABLE consultation_items ADD COLUMN feedback_on TEXT;   -- 'YYYY-MM-DD', NULL until feedback
