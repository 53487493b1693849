package fr.vigie.store;

import java.util.List;

/** A commune as covered by a stored scan; {@code status} is pending, done or failed. */
public record ScanCommune(
    long id, String key, String insee, String name, List<String> seeds, String status) {}
