package dev.threshold.domain.addon;

import java.util.Locale;
import java.util.Optional;

/** The kinds of extras a community offers residents. */
public enum AddOnKind {
    PARKING,
    STORAGE,
    PET,
    UTILITY,
    RENTER_SERVICE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<AddOnKind> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (AddOnKind k : values()) {
            if (k.id().equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
