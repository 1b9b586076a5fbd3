-- Other detectors' findings merged into a suggestion over the same text
-- (suggest.Suggestion.Also): the review screen shows every reason, and the
-- bundle redacts each finding's text wherever else it appears.
ALTER TABLE suggestions ADD COLUMN also jsonb NOT NULL DEFAULT '[]';
