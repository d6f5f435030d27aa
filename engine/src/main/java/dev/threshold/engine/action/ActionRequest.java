package dev.threshold.engine.action;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Context;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What an action gets: its evaluated arguments, the person and community, the time, the read-only world. */
public record ActionRequest(
        Map<String, Object> args,
        ContactView contact,
        Optional<CommunityView> community,
        Map<String, Object> settings,
        Instant now,
        Context context) {
    public ActionRequest {
        args = Map.copyOf(args);
        settings = Map.copyOf(settings);
    }

    public Optional<Object> arg(String name) {
        return Optional.ofNullable(args.get(name));
    }
}
