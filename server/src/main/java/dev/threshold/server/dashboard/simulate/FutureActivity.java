package dev.threshold.server.dashboard.simulate;

import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * What people of a simulated portfolio will do during the period: portal logins, work orders, payments, leads. A
 * simulation feeds these in beside the portfolio's past history (whose dates plan renewals, move-ins and anniversaries
 * into the period, and whose silences start the absence triggers). This is the seam where a generator of future
 * activity plugs in; until one exists, {@link #none()} leaves the period to the history's date and absence triggers.
 */
@FunctionalInterface
public interface FutureActivity {

    /** The events of the portfolio between two moments (from inclusive, until exclusive), in time order. */
    Stream<Event> between(SimulatedPortfolio portfolio, Instant from, Instant until);

    /** No future activity: only what the past history plans into the period happens. */
    static FutureActivity none() {
        return (portfolio, from, until) -> Stream.empty();
    }
}
