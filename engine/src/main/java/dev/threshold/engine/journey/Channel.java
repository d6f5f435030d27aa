package dev.threshold.engine.journey;

import java.util.Locale;
import java.util.Optional;

/** Where a message goes. */
public enum Channel {
    EMAIL,
    SMS,
    PORTAL,
    WEBHOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> parse(String text) {
        for (Channel c : values()) {
            if (c.id().equals(text)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
