-- vigie schema version 8: the nightly runs and the alerts they owe. An alert is written here
-- before any channel is tried and marked sent only once the channel accepted it: a channel that
-- is down loses nothing (the next night sends it again), and a rerun never sends one twice (the
-- unique key is the channel, the commune, the finding at its severity and when it was first seen).
CREATE TABLE nightly_runs (
  scan_id INTEGER PRIMARY KEY REFERENCES scans(id),
  finished TEXT NOT NULL,
  site TEXT
);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  commune_key TEXT NOT NULL,
  alert_key TEXT NOT NULL,
  since TEXT NOT NULL,
  severity TEXT NOT NULL,
  payload TEXT NOT NULL,
  created TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  sent TEXT,
  UNIQUE (channel, commune_key, alert_key, since)
);

CREATE INDEX alerts_unsent ON alerts (channel) WHERE sent IS NULL;
