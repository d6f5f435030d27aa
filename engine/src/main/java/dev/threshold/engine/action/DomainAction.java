package dev.threshold.engine.action;

import java.util.Map;
import java.util.Set;

/**
 * A named piece of domain logic a journey can call ({@code match-units}, {@code renewal-offer}). It reads
 * what the request gives it and returns a result; it performs no I/O and reads no clock, so a replay
 * computes the same result.
 */
public interface DomainAction {

    /** The name journeys call it by. */
    String name();

    /** The arguments it understands (for the loader's check); empty means any. */
    default Set<String> parameters() {
        return Set.of();
    }

    /** Runs the action; throws {@link ActionException} when it cannot give a result. */
    Map<String, Object> run(ActionRequest request);
}
