-- vigie schema version 7: each finding's evidence as a template id and its values (JSON), so
-- that a report says it in its own language and a machine reads the raw values. The evidence
-- column keeps the English text; a finding stored before this version has no evidence_data and
-- is shown as its text.
ALTER TABLE findings ADD COLUMN evidence_data TEXT;
ALTER TABLE carried_findings ADD COLUMN evidence_data TEXT;
