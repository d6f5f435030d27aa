package dev.threshold.server.fuzz;

import dev.threshold.server.support.World;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For each route that takes JSON, a body it would accept, the field whose wrong value is always refused, and a
 * body missing what it needs: the bases the hostile requests break. Only broken versions are ever sent.
 */
final class ValidBodies {
    private ValidBodies() {}

    private static final String ENVELOPE = "{\"id\": \"fz-1\", \"type\": \"feedback.submitted\", \"occurred_at\":"
            + " \"2027-03-01T09:00:00Z\", \"contact\": {\"id\": \"fz-c\"}, \"data\": {\"score\": 9}}";

    /** "METHOD path" (the world's ids filled in) to a body the route would accept. */
    static Map<String, String> of(World w) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("POST /v1/events", ENVELOPE);
        m.put("POST /v1/events/batch", "{\"events\": [" + ENVELOPE + "]}");
        m.put("POST /v1/keys", "{\"name\": \"fz\", \"role\": \"agent\"}");
        m.put("POST /v1/webhook-sources", "{\"source\": \"fz\"}");
        m.put("POST /v1/contacts", "{\"id\": \"fz-c\", \"first_name\": \"F\"}");
        m.put("PATCH /v1/contacts/" + w.contact(), "{\"first_name\": \"F\"}");
        m.put("PUT /v1/contacts/" + w.contact() + "/consent", "{\"channel\": \"email\", \"granted\": true}");
        m.put("PUT /v1/communities/fz-community", "{\"name\": \"F\", \"timezone\": \"UTC\"}");
        m.put(
                "PUT /v1/communities/" + w.community() + "/floor-plans/fz",
                "{\"name\": \"F\", \"bedrooms\": 1, \"bathrooms\": 1, \"market_rent\": 1}");
        m.put(
                "PUT /v1/communities/" + w.community() + "/units/fz",
                "{\"floor_plan\": \"aspen\", \"status\": \"offline\", \"market_rent\": 1}");
        m.put(
                "PUT /v1/leases/fz",
                "{\"community\": \"" + w.community() + "\", \"unit\": \"104\", \"residents\": [\"" + w.contact()
                        + "\"], \"start\": \"2027-01-01\", \"end\": \"2027-12-31\", \"rent\": 1}");
        m.put(
                "PUT /v1/work-orders/fz",
                "{\"community\": \"" + w.community() + "\", \"unit\": \"104\", \"contact\": \"" + w.contact()
                        + "\", \"category\": \"plumbing\", \"priority\": \"routine\", \"promised_for\": \"2027-03-01\"}");
        m.put("POST /v1/journeys", "{\"yaml\": \"id: x\"}");
        m.put("POST /v1/journeys/validate", "{\"yaml\": \"id: x\"}");
        m.put("PUT /v1/journeys/" + w.journey() + "/enablement", "{\"enabled\": false}");
        m.put("PUT /v1/journeys/" + w.journey() + "/settings", "{\"settings\": {}}");
        for (String c : new String[] {"cancel", "pause", "resume", "takeover"}) {
            m.put("POST /v1/instances/" + w.instance() + "/" + c, "{\"note\": \"n\"}");
        }
        m.put("POST /v1/tasks/" + w.task() + "/claim", "{\"by\": \"fz\"}");
        m.put("POST /v1/tasks/" + w.task() + "/complete", "{\"by\": \"fz\"}");
        return m;
    }

    /** The field whose value, replaced by something of another type or an absurd size, is always refused. */
    static String breaker(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.equals("/v1/events")) {
            return "type";
        } else if (path.endsWith("/batch")) {
            return "events";
        } else if (path.equals("/v1/keys")) {
            return "role";
        } else if (path.equals("/v1/webhook-sources")) {
            return "source";
        } else if (path.startsWith("/v1/contacts") && path.endsWith("/consent")) {
            return "channel";
        } else if (path.startsWith("/v1/contacts")) {
            return "first_name";
        } else if (path.contains("/floor-plans/")) {
            return "bedrooms";
        } else if (path.contains("/units/")) {
            return "status";
        } else if (path.startsWith("/v1/communities/")) {
            return "timezone";
        } else if (path.startsWith("/v1/leases/")) {
            return "residents";
        } else if (path.startsWith("/v1/work-orders/")) {
            return "priority";
        } else if (path.endsWith("/enablement")) {
            return "enabled";
        } else if (path.endsWith("/settings")) {
            return "settings";
        } else if (path.startsWith("/v1/journeys")) {
            return "yaml";
        } else if (path.startsWith("/v1/instances/")) {
            return "note";
        }
        return "by";
    }

    /** The body with the breaker field set to a raw JSON value. */
    static String replaceRequired(String route, String body, String rawValue) {
        String field = breaker(route);
        return body.replaceFirst(
                "\"" + field + "\": (\"[^\"]*\"|\\[[^]]*]|\\{[^}]*}|[^,}]+)",
                "\"" + field + "\": " + java.util.regex.Matcher.quoteReplacement(rawValue));
    }

    /** A body without what the route needs (or, where nothing is required, with a value it refuses). */
    static String withoutRequired(String route, String body) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.startsWith("/v1/contacts") && !path.endsWith("/consent")) {
            return "{\"roles\": [\"wizard\"]}";
        }
        if (path.startsWith("/v1/instances/")) {
            return "{\"by\": 5}";
        }
        return "{}";
    }

    /** A route's path with its parameters filled with the world's ids. */
    static String fill(String path, World w) {
        return path.replace("{tenant}", w.tenant())
                .replace("{source}", w.webhookSource())
                .replace("{community}", w.community())
                .replace("{version}", "1")
                .replace("{key}", path.startsWith("/v1/tasks") ? w.task() : w.deadLetter())
                .replace("{id}", idFor(path, w));
    }

    private static String idFor(String path, World w) {
        if (path.startsWith("/v1/contacts")) {
            return w.contact();
        } else if (path.startsWith("/v1/communities/{community}/units")) {
            return w.unit();
        } else if (path.startsWith("/v1/communities/{community}/floor-plans")) {
            return w.floorPlan();
        } else if (path.startsWith("/v1/communities")) {
            return w.community();
        } else if (path.startsWith("/v1/leases")) {
            return w.lease();
        } else if (path.startsWith("/v1/work-orders")) {
            return w.workOrder();
        } else if (path.startsWith("/v1/instances")) {
            return w.instance();
        } else if (path.startsWith("/v1/keys")) {
            return w.keyId();
        }
        return w.journey();
    }
}
