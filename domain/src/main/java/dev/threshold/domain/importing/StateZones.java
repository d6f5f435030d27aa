package dev.threshold.domain.importing;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The main timezone of each US state, for feeds that give an address but no timezone (MITS does not carry
 * one). States split between zones get the zone most of their people live in (Texas: Central, not El Paso's
 * Mountain); a community in the other part is corrected once in its record and re-imports keep it.
 */
public final class StateZones {
    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("AL", "America/Chicago"),
            Map.entry("AK", "America/Anchorage"),
            Map.entry("AZ", "America/Phoenix"),
            Map.entry("AR", "America/Chicago"),
            Map.entry("CA", "America/Los_Angeles"),
            Map.entry("CO", "America/Denver"),
            Map.entry("CT", "America/New_York"),
            Map.entry("DE", "America/New_York"),
            Map.entry("DC", "America/New_York"),
            Map.entry("FL", "America/New_York"),
            Map.entry("GA", "America/New_York"),
            Map.entry("HI", "Pacific/Honolulu"),
            Map.entry("ID", "America/Boise"),
            Map.entry("IL", "America/Chicago"),
            Map.entry("IN", "America/Indiana/Indianapolis"),
            Map.entry("IA", "America/Chicago"),
            Map.entry("KS", "America/Chicago"),
            Map.entry("KY", "America/New_York"),
            Map.entry("LA", "America/Chicago"),
            Map.entry("ME", "America/New_York"),
            Map.entry("MD", "America/New_York"),
            Map.entry("MA", "America/New_York"),
            Map.entry("MI", "America/Detroit"),
            Map.entry("MN", "America/Chicago"),
            Map.entry("MS", "America/Chicago"),
            Map.entry("MO", "America/Chicago"),
            Map.entry("MT", "America/Denver"),
            Map.entry("NE", "America/Chicago"),
            Map.entry("NV", "America/Los_Angeles"),
            Map.entry("NH", "America/New_York"),
            Map.entry("NJ", "America/New_York"),
            Map.entry("NM", "America/Denver"),
            Map.entry("NY", "America/New_York"),
            Map.entry("NC", "America/New_York"),
            Map.entry("ND", "America/Chicago"),
            Map.entry("OH", "America/New_York"),
            Map.entry("OK", "America/Chicago"),
            Map.entry("OR", "America/Los_Angeles"),
            Map.entry("PA", "America/New_York"),
            Map.entry("RI", "America/New_York"),
            Map.entry("SC", "America/New_York"),
            Map.entry("SD", "America/Chicago"),
            Map.entry("TN", "America/Chicago"),
            Map.entry("TX", "America/Chicago"),
            Map.entry("UT", "America/Denver"),
            Map.entry("VT", "America/New_York"),
            Map.entry("VA", "America/New_York"),
            Map.entry("WA", "America/Los_Angeles"),
            Map.entry("WV", "America/New_York"),
            Map.entry("WI", "America/Chicago"),
            Map.entry("WY", "America/Denver"));

    private StateZones() {}

    public static Optional<ZoneId> of(String state) {
        return Optional.ofNullable(ZONES.get(state.strip().toUpperCase(java.util.Locale.ROOT)))
                .map(ZoneId::of);
    }
}
