package fr.vigie.model;

/**
 * A finding an earlier scan saw that this one could not look at: kept as unknown, with why
 * ({@code not-asked:paths}, {@code no-answer:web}…), never resolved.
 */
public record CarriedFinding(Finding finding, String reason) {}
