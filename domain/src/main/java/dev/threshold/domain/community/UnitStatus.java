package dev.threshold.domain.community;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a unit stands in the leasing cycle, in the terms property-management systems use. Only the
 * {@linkplain #leasable() leasable} statuses may ever be offered to a prospect.
 */
public enum UnitStatus {
    /** Empty and made ready: can be leased and moved into. */
    VACANT_READY,
    /** Empty, being made ready (paint, repairs): can be leased for a move-in on or after its ready date. */
    VACANT_NOT_READY,
    /** Occupied, the resident gave notice and no one has leased it yet: can be leased for after move-out. */
    NOTICE_UNRENTED,
    /** Occupied, the resident gave notice and a new lease is already signed. */
    NOTICE_RENTED,
    /** Empty but already leased to someone moving in. */
    VACANT_LEASED,
    /** Lived in, no notice. */
    OCCUPIED,
    /** Not for rent: a model, down for renovation, an employee or office unit. */
    OFFLINE;

    /** Whether the unit may be offered to a prospect at all. */
    public boolean leasable() {
        return this == VACANT_READY || this == VACANT_NOT_READY || this == NOTICE_UNRENTED;
    }

    /** The id data uses: {@code vacant-ready}, {@code notice-unrented}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an id ({@code vacant-ready}) or a common synonym ({@code vacant}, {@code available}, {@code on-notice}). */
    public static Optional<UnitStatus> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (UnitStatus s : values()) {
            if (s.id().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.ofNullable(
                switch (t) {
                    case "vacant", "available", "ready" -> VACANT_READY;
                    case "make-ready", "not-ready" -> VACANT_NOT_READY;
                    case "notice", "on-notice" -> NOTICE_UNRENTED;
                    case "leased", "pre-leased" -> VACANT_LEASED;
                    case "down", "model", "unavailable" -> OFFLINE;
                    default -> null;
                });
    }
}
