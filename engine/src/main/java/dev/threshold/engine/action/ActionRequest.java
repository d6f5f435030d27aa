package dev.threshold.engine.action;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Context;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What an action gets: its evaluated arguments, the person and community, the time, the read-only world. An
 * argument whose expression gave {@code null} (CEL's "absent": {@code has(data.x) ? data.x : null}) is left
 * out, so the action falls back on the person's preferences as for an argument not passed at all.
 */
public record ActionRequest(
        Map<String, Object> args,
        ContactView contact,
        Optional<CommunityView> community,
        Map<String, Object> settings,
        Instant now,
        Context context) {
    public ActionRequest {
        args = withoutNulls(args);
        settings = Map.copyOf(settings);
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> args) {
        Map<String, Object> present = new java.util.LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return Map.copyOf(present);
    }

    public Optional<Object> arg(String name) {
        return Optional.ofNullable(args.get(name));
    }
}
