package dev.threshold.domain.generator;

import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated portfolio: its records (as one change set, to write to any repository, or in memory) and its
 * history as engine events on a timeline. Events are made from the records only as the timeline is read.
 */
public final class SyntheticPortfolio {
    private final long seed;
    private final LocalDate today;
    private final ChangeSet changes;
    private final List<Happening> history;
    private final int residents;
    private final int formerResidents;
    private final int prospects;

    SyntheticPortfolio(long seed, LocalDate today, Batch batch) {
        this.seed = seed;
        this.today = today;
        this.changes = batch.records.build();
        List<Happening> h = new ArrayList<>(batch.history);
        h.sort(Comparator.comparing(Happening::at)); // stable: ties keep the order they were generated in
        this.history = List.copyOf(h);
        this.residents = batch.residents;
        this.formerResidents = batch.formerResidents;
        this.prospects = batch.prospects;
    }

    public long seed() {
        return seed;
    }

    public LocalDate today() {
        return today;
    }

    /** Every record, to apply to a repository in one go. */
    public ChangeSet changes() {
        return changes;
    }

    /** The records in memory, ready for actions and imports to read. */
    public InMemoryPropertyStore store() {
        return InMemoryPropertyStore.of(changes);
    }

    /** The portfolio's history, oldest first: leases signed, leads, tours, work orders, feedback, move-outs. */
    public Stream<Event> timeline() {
        return history.stream().map(Happening::event);
    }

    /** The history between two moments (from inclusive, until exclusive). */
    public Stream<Event> timeline(Instant from, Instant until) {
        return history.stream()
                .filter(h -> !h.at().isBefore(from) && h.at().isBefore(until))
                .map(Happening::event);
    }

    /** What it holds, by kind, for summaries and benchmarks. */
    public Map<String, Integer> summary() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("communities", changes.communities().size());
        s.put("floor plans", changes.floorPlans().size());
        s.put("units", changes.units().size());
        s.put("residents", residents);
        s.put("former residents", formerResidents);
        s.put("prospects", prospects);
        s.put("contacts", changes.contacts().size());
        s.put("leases", changes.leases().size());
        s.put("interests", changes.interests().size());
        s.put("tours", changes.tours().size());
        s.put("applications", changes.applications().size());
        s.put("work orders", changes.workOrders().size());
        s.put("feedback", changes.feedback().size());
        s.put("move-outs", changes.moveOuts().size());
        s.put("late payments", changes.payments().size());
        s.put("add-ons", changes.addOns().size());
        s.put("events", history.size());
        return s;
    }
}
