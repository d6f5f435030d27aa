package dev.threshold.engine.core;

import dev.threshold.engine.expr.FieldType;
import dev.threshold.engine.expr.Shape;
import dev.threshold.engine.expr.Values;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a community: its name and place, its office hours, its links and its default
 * leasing agent, as messages need them.
 *
 * @param quietHours the community's own quiet-hours window ("08:00-20:00"), narrowing the default
 */
public record CommunityView(
        String id,
        String name,
        Optional<String> portfolio,
        Optional<String> market,
        ZoneId timezone,
        Optional<String> state,
        String address,
        String phone,
        String email,
        Map<String, Object> links,
        Map<String, Object> agent,
        BusinessCalendar calendar,
        Optional<String> quietHours,
        Map<String, Object> attributes) {

    /** The fields a condition or template can read of {@code community}. */
    public static final Shape SHAPE = new Shape(
            "community",
            Map.ofEntries(
                    Map.entry("id", FieldType.STRING),
                    Map.entry("name", FieldType.STRING),
                    Map.entry("portfolio", FieldType.STRING),
                    Map.entry("market", FieldType.STRING),
                    Map.entry("timezone", FieldType.STRING),
                    Map.entry("state", FieldType.STRING),
                    Map.entry("address", FieldType.STRING),
                    Map.entry("phone", FieldType.STRING),
                    Map.entry("email", FieldType.STRING),
                    Map.entry("links", FieldType.MAP),
                    Map.entry("agent", FieldType.MAP),
                    Map.entry("attributes", FieldType.MAP)));

    public CommunityView {
        // a bad window is refused where the community comes in, not when a text is due
        quietHours.ifPresent(dev.threshold.engine.guardrail.QuietHours.Window::parse);
        links = Values.frozen(links);
        agent = Values.frozen(agent);
        attributes = Values.frozen(attributes);
    }

    /** A community known only by id and zone, with standard office hours. */
    public static CommunityView minimal(String id, ZoneId zone) {
        return new CommunityView(
                id,
                id,
                Optional.empty(),
                Optional.empty(),
                zone,
                Optional.empty(),
                "",
                "",
                "",
                Map.of(),
                Map.of(),
                BusinessCalendar.standard(zone),
                Optional.empty(),
                Map.of());
    }

    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("name", name);
        portfolio.ifPresent(p -> f.put("portfolio", p));
        market.ifPresent(m -> f.put("market", m));
        f.put("timezone", timezone.getId());
        state.ifPresent(s -> f.put("state", s));
        f.put("address", address);
        f.put("phone", phone);
        f.put("email", email);
        f.put("links", links);
        f.put("agent", agent);
        f.put("attributes", attributes);
        return f;
    }
}
