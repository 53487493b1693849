-- vigie schema version 6: when each commune's scan began, so that the next sweep can start the
-- communes that took longest first (their time is set by the busiest shared-hosting addresses
-- and the slowest sites), and not end on one of them alone.
ALTER TABLE scan_communes ADD COLUMN started TEXT;
