package dev.threshold.engine.journey;

import java.util.Locale;

/** The four families of the journey catalogue, plus journeys a company writes for itself. */
public enum Category {
    ACTIVATION,
    ONBOARDING,
    RETENTION,
    GROWTH,
    CUSTOM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
