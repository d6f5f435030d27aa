package dev.threshold.engine.action;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The domain actions journeys may call, by name. */
public final class ActionRegistry {
    private final Map<String, DomainAction> actions;

    private ActionRegistry(Map<String, DomainAction> actions) {
        this.actions = Map.copyOf(actions);
    }

    public static ActionRegistry of(Collection<? extends DomainAction> actions) {
        Map<String, DomainAction> byName = new TreeMap<>();
        for (DomainAction a : actions) {
            if (byName.put(a.name(), a) != null) {
                throw new IllegalArgumentException("two actions are named '" + a.name() + "'");
            }
        }
        return new ActionRegistry(byName);
    }

    public static ActionRegistry empty() {
        return new ActionRegistry(Map.of());
    }

    public Optional<DomainAction> find(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(actions.keySet());
    }
}
