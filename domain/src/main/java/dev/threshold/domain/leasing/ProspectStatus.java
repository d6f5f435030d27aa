package dev.threshold.domain.leasing;

import java.util.Locale;
import java.util.Optional;

/** Where a prospect stands with one community, as leasing teams track it. */
public enum ProspectStatus {
    /** Just arrived; no one has answered yet. */
    NEW,
    /** In conversation. */
    OPEN,
    /** Waiting for something: a unit, a date, a decision. */
    WAITING,
    /** A tour is booked. */
    BOOKED,
    /** Toured. */
    VISITED,
    /** Cancelled the tour. */
    CANCELLED,
    /** Did not come to the tour. */
    NO_SHOW,
    /** Applied. */
    APPLIED,
    /** Signed a lease. */
    LEASED,
    /** Went elsewhere, or stopped answering for good. */
    LOST;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ProspectStatus> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (ProspectStatus s : values()) {
            if (s.id().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Still in play: neither leased nor lost. */
    public boolean open() {
        return this != LEASED && this != LOST;
    }
}
