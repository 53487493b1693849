-- vigie schema version 9: which machine runs each scan. With a history shared by workers on
-- several machines (PostgreSQL), a process id says whether a scan is still alive only on the
-- machine that started it; elsewhere the scan is left as it is, never judged dead on no evidence.
ALTER TABLE scans ADD COLUMN host TEXT;
