package dev.threshold.server.dashboard.simulate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.threshold.domain.generator.ActivityGenerator;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.domain.property.PropertyRepository;
import dev.threshold.domain.property.UnitChanges;
import dev.threshold.engine.core.Engine;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.Overrides;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.SimLine;
import dev.threshold.engine.sim.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs journeys in memory on a portfolio over a period, with the tenant's current journey versions and overrides,
 * as if the simulated journeys were switched on everywhere: the same engine and guardrails as the runtime, on the
 * simulator's virtual clock. It never touches the store. A run is bounded: it stops with {@link TooLarge} when it
 * takes longer than its time limit or produces more lines than its limit.
 */
public final class PortfolioSimulation {
    private final Engine engine;
    private final Overrides overrides;
    private final FutureActivity activity;

    /**
     * @param engine the tenant's engine (its published journey versions and actions)
     * @param overrides the tenant's overrides: their wording and settings apply, their on/off switches do not
     */
    public PortfolioSimulation(Engine engine, Overrides overrides, FutureActivity activity) {
        this.engine = engine;
        this.overrides = withoutSwitches(overrides);
        this.activity = activity;
    }

    /** A run went past its bounds. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** The simulator, reading (a fresh copy of) the portfolio's property records for actions. */
    public Simulator simulator(SimulatedPortfolio portfolio) {
        return new Simulator(engine, Guardrails.defaults(), new Simulator.Extensions() {
            @Override
            public Map<Class<?>, Object> from(Scenario scenario) {
                return portfolio.records().get().extensions();
            }

            @Override
            public void observe(Event event, Map<Class<?>, Object> data) {
                if (data.get(PropertyRecords.class) instanceof PropertyRepository records) {
                    portfolio
                            .synthetic() // a newcomer's record, for the actions that read people (matching)
                            .flatMap(p -> ActivityGenerator.newcomer(p, event))
                            .ifPresent(c ->
                                    records.apply(ChangeSet.builder().contact(c).build()));
                    UnitChanges.of(event, records.records()).ifPresent(records::apply);
                }
            }
        });
    }

    /**
     * The story the simulator runs: the portfolio's history up to {@code from}, then its future activity until
     * {@code from + days}; only {@code journey} (or every journey) is on.
     */
    public Scenario scenario(SimulatedPortfolio portfolio, Optional<String> journey, Instant from, int days) {
        Instant until = from.plus(Duration.ofDays(days));
        List<Scenario.Timed> inputs = new ArrayList<>();
        Instant start = from;
        for (Event e : portfolio.history()) {
            if (e.occurredAt().isBefore(from)) {
                inputs.add(new Scenario.TimedEvent(e.occurredAt(), e, 0));
                start = e.occurredAt().isBefore(start) ? e.occurredAt() : start;
            }
        }
        try (Stream<Scenario.Timed> future = activity.between(portfolio, from, until)) {
            future.forEach(inputs::add);
        }
        Optional<Set<String>> on = journey.map(Set::of);
        return new Scenario(
                "simulation of " + journey.orElse("every journey"),
                "(dashboard simulation)",
                start,
                until,
                on,
                Map.of(),
                portfolio.communities(),
                portfolio.contacts(),
                portfolio.parties(),
                JsonNodeFactory.instance.objectNode(),
                inputs,
                List.of(),
                overrides);
    }

    /** Runs and counts what happens from {@code from} for {@code days} days, within the bounds. */
    public SimulationReport run(
            SimulatedPortfolio portfolio,
            Optional<String> journey,
            Instant from,
            int days,
            Duration timeLimit,
            int lineLimit) {
        journey.ifPresent(id -> engine.library()
                .latest(id)
                .orElseThrow(() -> new IllegalArgumentException("there is no journey '" + id + "'")));
        Scenario scenario = scenario(portfolio, journey, from, days);
        long deadline = System.nanoTime() + timeLimit.toNanos();
        Consumer<SimLine> bound = new Consumer<>() {
            int lines;

            @Override
            public void accept(SimLine line) {
                if (++lines > lineLimit) {
                    throw new TooLarge("the simulation produced more than " + lineLimit + " lines");
                }
                if ((lines & 255) == 0 && System.nanoTime() > deadline) {
                    throw new TooLarge("the simulation took longer than " + timeLimit.toSeconds() + " s");
                }
            }
        };
        Simulator.Simulation run = simulator(portfolio).run(scenario, bound);
        return SimulationReport.of(portfolio, run.lines(), from, scenario.runUntil());
    }

    /** The journeys one can simulate: the latest version of each. */
    public List<Journey> journeys() {
        return engine.library().latest();
    }

    private static Overrides withoutSwitches(Overrides o) {
        return new Overrides(strip(o.tenant()), stripAll(o.portfolios()), stripAll(o.communities()));
    }

    private static Map<String, Overrides.Layer> stripAll(Map<String, Overrides.Layer> layers) {
        Map<String, Overrides.Layer> out = new LinkedHashMap<>();
        layers.forEach((k, v) -> out.put(k, strip(v)));
        return out;
    }

    private static Overrides.Layer strip(Overrides.Layer layer) {
        Map<String, Overrides.JourneyOverride> out = new LinkedHashMap<>();
        layer.journeys()
                .forEach((id, o) -> out.put(
                        id, new Overrides.JourneyOverride(Optional.empty(), o.settings(), o.copy(), o.stages())));
        return new Overrides.Layer(out);
    }
}
