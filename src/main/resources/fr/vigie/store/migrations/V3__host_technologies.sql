-- The technologies the rules found on each host in a scan (what reports list under
-- hosts[].technologies). Derived from the web observations at scan time with the rules of that
-- day, and kept: a later change of rules must not rewrite what a past scan said.
CREATE TABLE host_technologies (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  host TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  version TEXT,
  precision TEXT NOT NULL CHECK (precision IN ('exact', 'branch', 'hint', 'unknown')),
  confidence INTEGER NOT NULL,
  details TEXT NOT NULL,
  PRIMARY KEY (scan_id, commune_id, host, name)
);
