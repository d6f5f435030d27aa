package dev.threshold.domain.importing;

import dev.threshold.engine.core.StableHash;

/**
 * Ids for contacts an import creates: derived from the source's own id, so importing the same file into
 * two fresh stores (or replaying an import) gives the same ids.
 */
public final class ContactIds {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private ContactIds() {}

    /** {@code C-} and ten base-32 characters of a stable hash of {@code source|id}. */
    public static String of(String source, String externalId) {
        long h = StableHash.of(source + "|" + externalId);
        StringBuilder b = new StringBuilder("C-");
        for (int i = 0; i < 10; i++) {
            b.append(ALPHABET.charAt((int) ((h >>> (5 * i)) & 31)));
        }
        return b.toString();
    }
}
