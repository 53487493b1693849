-- vigie schema version 4: what each scan asked of each commune, and what it could not look at.
-- A commune scanned before this migration has no coverage (NULL): its findings can only become
-- unknown, never resolved.
ALTER TABLE scan_communes ADD COLUMN coverage TEXT;
-- Assets of earlier scans this scan did not look up again (JSON list), carried so that the next
-- full scan does not call them new.
ALTER TABLE scan_communes ADD COLUMN carried_assets TEXT;
-- The options that narrowed a scan (JSON list: --no-paths, --ports 22,443…).
ALTER TABLE scans ADD COLUMN narrowed TEXT;

-- Findings of earlier scans a scan could neither confirm nor clear (not asked, no answer, the
-- commune unreachable): the commune's state after the scan is its findings plus these.
CREATE TABLE carried_findings (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  key TEXT NOT NULL,
  check_id TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  asset TEXT NOT NULL,
  subject TEXT NOT NULL,
  evidence TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (scan_id, commune_id, key)
);

-- The lists behind coverage digests (wordlist labels, paths asked of a host), stored once each.
CREATE TABLE coverage_lists (
  digest TEXT PRIMARY KEY,
  items TEXT NOT NULL
);
