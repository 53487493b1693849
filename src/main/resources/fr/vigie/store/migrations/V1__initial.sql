-- vigie schema version 1. Each migration runs in one transaction with its schema_version row.
CREATE TABLE schema_version (
  version INTEGER PRIMARY KEY,
  applied TEXT NOT NULL,
  tool_version TEXT NOT NULL
);

CREATE TABLE scans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started TEXT NOT NULL,
  finished TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  tool_version TEXT NOT NULL,
  arguments TEXT NOT NULL,
  -- the process running it, to tell a live scan from one whose process was killed
  pid INTEGER,
  pid_started TEXT
);

CREATE TABLE communes (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  insee TEXT,
  name TEXT NOT NULL
);

-- Which communes a scan covers, and how far it got with each (resume, diff "unknown").
CREATE TABLE scan_communes (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  seeds TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  finished TEXT,
  PRIMARY KEY (scan_id, commune_id)
);

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  kind TEXT NOT NULL CHECK (kind IN ('domain', 'host', 'address', 'service')),
  name TEXT NOT NULL,
  first_seen_scan INTEGER NOT NULL REFERENCES scans(id),
  last_seen_scan INTEGER NOT NULL REFERENCES scans(id),
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  UNIQUE (commune_id, kind, name)
);

-- An asset as seen in one scan (in scope? probed? how found?), so old scans stay readable.
CREATE TABLE scan_assets (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  asset_id INTEGER NOT NULL REFERENCES assets(id),
  details TEXT NOT NULL,
  PRIMARY KEY (scan_id, asset_id)
);

CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  asset TEXT NOT NULL,
  probe TEXT NOT NULL,
  observed TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX observations_scan ON observations (scan_id, commune_id);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_id INTEGER NOT NULL REFERENCES communes(id),
  key TEXT NOT NULL,
  check_id TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  asset TEXT NOT NULL,
  subject TEXT NOT NULL,
  evidence TEXT NOT NULL,
  UNIQUE (scan_id, commune_id, key)
);
CREATE INDEX findings_key ON findings (commune_id, key);
