package dev.threshold.engine.core;

import java.util.List;

/** What one instance became after one input, and what the shell must do about it. */
public record Decision(InstanceState next, List<Effect> effects) {
    public Decision {
        effects = List.copyOf(effects);
    }
}
