package dev.threshold.engine.core;

import dev.threshold.engine.event.Event;
import dev.threshold.engine.expr.Values;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One person (and, for keyed journeys, one thing) going through one version of a journey: everything the
 * engine needs to continue it, and nothing it could read elsewhere. Stored as JSON by the shell.
 *
 * @param key the instance key: the contact id, or the work order, lease or application it runs for
 * @param step the current step, empty before the first and after the last
 * @param stage the current map stage
 * @param trigger the event that started it
 * @param data the instance's data: the trigger's fields, refreshed by tracked events
 * @param results what actions returned and what awaited events carried, by step
 * @param timers the timers it has pending; a timer not listed here is stale and ignored
 * @param visits how often each step ran (message and task keys include it, so a loop sends anew)
 * @param variants the split variant drawn at each split step
 * @param goalSeen goal events seen so far (for goals that need all of several)
 * @param goalOpen whether the goal window is still open
 * @param held timers that fell due while paused, applied on resume
 * @param inputs how many inputs it has taken
 */
public record InstanceState(
        String id,
        String journey,
        int version,
        String contact,
        String key,
        Optional<String> community,
        Status status,
        String step,
        String stage,
        Instant enteredAt,
        Instant stageEnteredAt,
        Instant updatedAt,
        Event trigger,
        Map<String, Object> data,
        Map<String, Object> results,
        List<Timer> timers,
        Map<String, Integer> visits,
        List<OpenTask> tasks,
        Map<String, String> variants,
        Set<String> goalSeen,
        boolean goalOpen,
        List<Timer> held,
        long inputs) {

    public InstanceState {
        data = Values.frozen(data);
        results = Values.frozen(results);
        timers = List.copyOf(timers);
        visits = Map.copyOf(visits);
        tasks = List.copyOf(tasks);
        variants = Map.copyOf(variants);
        goalSeen = Set.copyOf(goalSeen);
        held = List.copyOf(held);
    }

    public boolean isActive() {
        return !status.isTerminal();
    }
}
