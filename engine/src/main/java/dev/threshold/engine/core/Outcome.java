package dev.threshold.engine.core;

import java.util.List;

/**
 * The result of one input for one contact: their journeys afterwards, every instance that changed
 * (including those that just ended, so the shell stores their final state), and the effects.
 */
public record Outcome(ContactJourneys next, List<InstanceState> changed, List<Effect> effects) {
    public Outcome {
        changed = List.copyOf(changed);
        effects = List.copyOf(effects);
    }
}
