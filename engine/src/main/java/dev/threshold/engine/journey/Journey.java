package dev.threshold.engine.journey;

import dev.threshold.engine.expr.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A journey, loaded and checked: who it is for, what starts it, its steps and map, its goal and exits.
 * Immutable; a new version is a new {@code Journey}.
 *
 * @param key an expression giving the instance key (a work order, a lease); per person when empty
 * @param track events that refresh the instance's data when they are about the same key (a moved lease end)
 * @param takeover what the automated outreach does when a person takes over
 * @param settings defaults a community may override
 * @param migrations explicit step mappings from earlier versions
 */
public record Journey(
        String id,
        String name,
        int version,
        Category category,
        String promise,
        String description,
        Audience audience,
        Optional<Condition> key,
        List<Trigger> triggers,
        EntryRule entry,
        List<String> track,
        Optional<GoalRule> goal,
        List<ExitRule> exits,
        Takeover takeover,
        Map<String, Object> settings,
        List<Stage> stages,
        List<Step> steps,
        List<Migration> migrations) {

    /** What automated outreach does when a staff member takes the person over. */
    public enum Takeover {
        PAUSE,
        CONTINUE,
        END
    }

    /** From an earlier version: which new step each old step continues at. */
    public record Migration(int from, Map<String, String> steps) {
        public Migration {
            steps = Map.copyOf(steps);
        }
    }

    public Journey {
        triggers = List.copyOf(triggers);
        track = List.copyOf(track);
        exits = List.copyOf(exits);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        stages = List.copyOf(stages);
        steps = List.copyOf(steps);
        migrations = List.copyOf(migrations);
    }

    public Optional<Step> step(String stepId) {
        for (Step s : steps) {
            if (s.id().equals(stepId)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The step after {@code step} when it does not jump: its {@code next}, or the following one in order. */
    public Optional<Step> following(Step step) {
        if (step.next().isPresent()) {
            return step(step.next().get());
        }
        int i = steps.indexOf(step);
        return i >= 0 && i + 1 < steps.size() ? Optional.of(steps.get(i + 1)) : Optional.empty();
    }

    public Optional<Stage> stage(String stageId) {
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    /** Every event type that can start this journey. */
    public Set<String> triggerEvents() {
        return triggers.stream().flatMap(t -> t.events().stream()).collect(Collectors.toUnmodifiableSet());
    }

    /** The journeys this one hands people to. */
    public List<String> handoffTargets() {
        return steps.stream()
                .filter(s -> s.kind() instanceof Step.Handoff)
                .map(s -> ((Step.Handoff) s.kind()).journey())
                .distinct()
                .toList();
    }

    /** "id@version", how logs and errors name a journey. */
    public String ref() {
        return id + "@" + version;
    }
}
