package dev.threshold.engine.core;

import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The variables conditions and templates see; see {@code Expressions} for what each holds. */
public final class Variables {
    private Variables() {}

    public static Map<String, Object> of(
            ContactView contact,
            Optional<CommunityView> community,
            Event event,
            Event trigger,
            Map<String, Object> data,
            Map<String, Object> results,
            Map<String, Object> settings,
            Map<String, Object> instance,
            Instant now) {
        Map<String, Object> v = new HashMap<>(16);
        Map<String, Object> contactFields = contact.fields();
        v.put("contact", contactFields);
        v.put("recipient", contactFields);
        Map<String, Object> communityFields =
                community.map(CommunityView::fields).orElse(Map.of());
        v.put("community", communityFields);
        v.put("event", event.fields());
        v.put("trigger", event == trigger ? v.get("event") : trigger.fields());
        v.put("data", data);
        v.put("results", results);
        v.put("settings", settings);
        v.put("instance", instance);
        v.put("now", now);
        v.put(
                "agent",
                contact.agent().isEmpty() ? community.map(CommunityView::agent).orElse(Map.of()) : contact.agent());
        v.put("links", community.map(CommunityView::links).orElse(Map.of()));
        return v;
    }
}
