package fr.vigie.store;

import fr.vigie.model.Finding;
import java.time.Instant;

/** A finding as stored in one scan, with when its key was first seen for that commune. */
public record StoredFinding(Finding finding, Instant firstSeen, long firstSeenScan) {}
