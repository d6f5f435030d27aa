package dev.threshold.domain.moveout;

import java.util.Locale;
import java.util.Optional;

/** Why a resident left, in the categories win-back and retention reporting use. */
public enum MoveOutReason {
    PRICE,
    SPACE,
    LOCATION,
    PURCHASE,
    JOB,
    MAINTENANCE,
    FAMILY,
    EVICTION,
    OTHER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MoveOutReason> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (MoveOutReason r : values()) {
            if (r.id().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.ofNullable(
                switch (t) {
                    case "rent", "too-expensive", "rent-increase" -> PRICE;
                    case "bought-home", "home-purchase", "buying" -> PURCHASE;
                    case "relocation", "transfer", "work" -> JOB;
                    case "size", "bigger", "smaller" -> SPACE;
                    default -> null;
                });
    }

    /** Whether a fitting offer elsewhere in the portfolio could win them back. */
    public boolean winnable() {
        return this == PRICE || this == SPACE || this == LOCATION || this == MAINTENANCE || this == JOB;
    }
}
