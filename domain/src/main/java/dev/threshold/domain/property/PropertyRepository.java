package dev.threshold.domain.property;

/**
 * Where imports (and the generator) write property records. Small on purpose: read what is there, write a
 * change set all or nothing. {@link InMemoryPropertyStore} keeps it in memory; the runtime keeps it in
 * SQLite or PostgreSQL, one transaction per {@link #apply}.
 */
public interface PropertyRepository {

    /** What is stored now, to compare an import against. */
    PropertyRecords records();

    /**
     * Writes every record of the set, or none: a set that refers to something neither in it nor stored (a
     * unit of an unknown community, a lease of an unknown unit) is refused with {@link
     * IllegalArgumentException} and nothing is written.
     */
    void apply(ChangeSet changes);
}
