-- vigie schema version 5: Certificate Transparency answers, kept a day per domain so that a
-- nightly sweep asks the CT operator once per domain.
CREATE TABLE ct_cache (
  domain TEXT PRIMARY KEY,
  fetched TEXT NOT NULL,
  body TEXT NOT NULL
);
