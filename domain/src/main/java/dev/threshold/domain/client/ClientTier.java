package dev.threshold.domain.client;

import java.util.Locale;

/**
 * The service tier of a business client (an owner or a management company using our services), by the
 * size of what they bring: the plan-upgrade journey starts when a client outgrows theirs.
 */
public enum ClientTier {
    STARTER(1, 150),
    GROWTH(5, 1_500),
    PORTFOLIO(25, 10_000),
    ENTERPRISE(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final int maxProperties;
    private final int maxUnits;

    ClientTier(int maxProperties, int maxUnits) {
        this.maxProperties = maxProperties;
        this.maxUnits = maxUnits;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The smallest tier that holds this many properties and units. */
    public static ClientTier fitting(int properties, int units) {
        for (ClientTier t : values()) {
            if (properties <= t.maxProperties && units <= t.maxUnits) {
                return t;
            }
        }
        return ENTERPRISE;
    }

    /** Whether a client of this size has outgrown this tier. */
    public boolean outgrownBy(int properties, int units) {
        return fitting(properties, units).ordinal() > ordinal();
    }
}
