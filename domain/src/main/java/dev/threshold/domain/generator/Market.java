package dev.threshold.domain.generator;

import java.time.ZoneId;
import java.util.List;

/**
 * A US metropolitan market the generator places communities in: its state (and so its laws), timezone,
 * centre and typical one-bedroom rent.
 */
record Market(String id, String city, String state, ZoneId zone, double latitude, double longitude, int oneBedRent) {

    /** In this order so that even a small portfolio has the states with notice laws of their own. */
    static final List<Market> ALL = List.of(
            new Market("denver", "Denver", "CO", ZoneId.of("America/Denver"), 39.7392, -104.9903, 1650),
            new Market("sacramento", "Sacramento", "CA", ZoneId.of("America/Los_Angeles"), 38.5816, -121.4944, 1800),
            new Market("portland", "Portland", "OR", ZoneId.of("America/Los_Angeles"), 45.5152, -122.6784, 1700),
            new Market("queens", "Queens", "NY", ZoneId.of("America/New_York"), 40.7282, -73.7949, 2600),
            new Market("austin", "Austin", "TX", ZoneId.of("America/Chicago"), 30.2672, -97.7431, 1500),
            new Market("phoenix", "Phoenix", "AZ", ZoneId.of("America/Phoenix"), 33.4484, -112.0740, 1350),
            new Market("atlanta", "Atlanta", "GA", ZoneId.of("America/New_York"), 33.7490, -84.3880, 1550),
            new Market("dallas", "Dallas", "TX", ZoneId.of("America/Chicago"), 32.7767, -96.7970, 1400),
            new Market("seattle", "Seattle", "WA", ZoneId.of("America/Los_Angeles"), 47.6062, -122.3321, 2100),
            new Market("charlotte", "Charlotte", "NC", ZoneId.of("America/New_York"), 35.2271, -80.8431, 1450),
            new Market("nashville", "Nashville", "TN", ZoneId.of("America/Chicago"), 36.1627, -86.7816, 1550),
            new Market("boise", "Boise", "ID", ZoneId.of("America/Boise"), 43.6150, -116.2023, 1350));
}
