-- Per-host grades (HTTP now, TLS later), stored with the scan they were computed in.
CREATE TABLE host_grades (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  host TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('http', 'tls')),
  grade TEXT NOT NULL,
  score INTEGER NOT NULL,
  details TEXT NOT NULL,
  PRIMARY KEY (scan_id, commune_id, host, kind)
);
