package dev.threshold.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.StoreDigest;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant A's admin key, aimed at every route with tenant B's ids and data: whatever names something of B is not
 * found (404), lists show nothing of B, nothing answers 5xx, and B's rows are exactly as they were. Every route of
 * the server must have a case here, so a new route cannot skip the proof.
 */
abstract class TenantIsolationContract {
    @TempDir
    Path dir;

    abstract Dialect dialect();

    /** A request to make with A's key, and the statuses it may answer. */
    record Call(String method, String path, String body, Set<Integer> expected) {
        static Call notFound(String method, String path, String body) {
            return new Call(method, path, body, Set.of(404));
        }
    }

    @Test
    void tenant_a_reaches_nothing_of_tenant_b_on_any_route() {
        try (TestServer server = TestServer.start(dialect(), dir)) {
            World a = World.make(server, "tenant-a", "ALPHA-MARK");
            World b = World.make(server, "tenant-b", "BRAVO-SECRET");
            String before = StoreDigest.ofTenant(server.service().store(), b.tenant());
            Map<String, Call> calls = calls(b);

            Set<String> routes = server.service().routes().stream()
                    .filter(r -> r.path().startsWith("/v1/"))
                    .map(r -> r.method() + " " + r.path())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(calls.keySet())
                    .as("every /v1 route has an isolation case")
                    .containsExactlyInAnyOrderElementsOf(routes);

            Http http = server.http();
            // lookups first: afterwards A's own writes may create records of A under ids that B also uses
            List<Map.Entry<String, Call>> ordered = new ArrayList<>(calls.entrySet());
            ordered.sort(Comparator.comparing(e -> !e.getValue().expected().equals(Set.of(404))));
            for (Map.Entry<String, Call> e : ordered) {
                Call call = e.getValue();
                Http.Answer answer = http.send(
                        call.method(),
                        call.path(),
                        a.adminKey(),
                        call.body() == null ? null : "application/json",
                        call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8),
                        Map.of());
                assertThat(answer.status())
                        .as(e.getKey() + " -> " + call.path() + ": " + answer)
                        .isIn(call.expected());
                assertThat(answer.body())
                        .as(e.getKey() + " shows nothing of tenant B")
                        .doesNotContain(b.marker());
            }
            server.process();
            assertThat(StoreDigest.ofTenant(server.service().store(), b.tenant()))
                    .as("tenant B's rows are untouched")
                    .isEqualTo(before);
            assertThat(http.get("/v1/contacts/" + b.contact(), b.adminKey()).body())
                    .contains(b.marker());
        }
    }

    private static Map<String, Call> calls(World b) {
        Map<String, Call> m = new LinkedHashMap<>();
        Function<String, Call> get404 = p -> Call.notFound("GET", p, null);
        Set<Integer> ownOk = Set.of(200, 201, 202, 204, 409, 422);
        String event = "{\"id\": \"a-about-b\", \"type\": \"feedback.submitted\", \"occurred_at\":"
                + " \"2027-03-01T09:00:00Z\", \"contact\": {\"id\": \"" + b.contact()
                + "\"}, \"data\": {\"score\": 9}}";
        m.put("POST /v1/events", new Call("POST", "/v1/events", event, Set.of(202)));
        m.put(
                "POST /v1/events/batch",
                new Call("POST", "/v1/events/batch", "{\"events\": [" + event + "]}", Set.of(200)));
        m.put("GET /v1/keys", new Call("GET", "/v1/keys", null, Set.of(200)));
        m.put("POST /v1/keys", new Call("POST", "/v1/keys", "{\"name\": \"x\", \"role\": \"agent\"}", Set.of(201)));
        m.put("DELETE /v1/keys/{id}", Call.notFound("DELETE", "/v1/keys/" + b.keyId(), null));
        m.put("GET /v1/webhook-sources", new Call("GET", "/v1/webhook-sources", null, Set.of(200)));
        m.put(
                "POST /v1/webhook-sources",
                new Call("POST", "/v1/webhook-sources", "{\"source\": \"crm\"}", Set.of(201)));
        m.put("DELETE /v1/webhook-sources/{source}", Call.notFound("DELETE", "/v1/webhook-sources/ils", null));
        m.put(
                "POST /v1/webhooks/{tenant}/{source}/events",
                new Call("POST", "/v1/webhooks/" + b.tenant() + "/pms/events", event, Set.of(401)));
        m.put("GET /v1/contacts", new Call("GET", "/v1/contacts?community=" + b.community(), null, Set.of(200)));
        m.put(
                "POST /v1/contacts",
                new Call("POST", "/v1/contacts", "{\"id\": \"" + b.contact() + "-x\", \"first_name\": \"A\"}", ownOk));
        m.put("GET /v1/contacts/{id}", get404.apply("/v1/contacts/" + b.contact()));
        m.put(
                "PATCH /v1/contacts/{id}",
                Call.notFound("PATCH", "/v1/contacts/" + b.contact(), "{\"first_name\": \"Hacked\"}"));
        m.put(
                "PUT /v1/contacts/{id}/consent",
                Call.notFound(
                        "PUT",
                        "/v1/contacts/" + b.contact() + "/consent",
                        "{\"channel\": \"email\", \"granted\": false}"));
        m.put("GET /v1/contacts/{id}/consent", get404.apply("/v1/contacts/" + b.contact() + "/consent"));
        m.put("GET /v1/contacts/{id}/notifications", get404.apply("/v1/contacts/" + b.contact() + "/notifications"));
        m.put(
                "POST /v1/contacts/{id}/notifications/{key}/read",
                Call.notFound("POST", "/v1/contacts/" + b.contact() + "/notifications/any-key/read", null));
        // without channels.sms the SMS webhooks are not there for anyone; with it, they need B's signature (401)
        m.put(
                "POST /v1/webhooks/{tenant}/sms/inbound",
                new Call("POST", "/v1/webhooks/" + b.tenant() + "/sms/inbound", event, Set.of(401, 404)));
        m.put(
                "POST /v1/webhooks/{tenant}/sms/status",
                new Call("POST", "/v1/webhooks/" + b.tenant() + "/sms/status", event, Set.of(401, 404)));
        m.put("GET /v1/contacts/{id}/timeline", get404.apply("/v1/contacts/" + b.contact() + "/timeline"));
        m.put("GET /v1/contacts/{id}/explanations", get404.apply("/v1/contacts/" + b.contact() + "/explanations"));
        m.put("GET /v1/communities", new Call("GET", "/v1/communities", null, Set.of(200)));
        m.put("GET /v1/communities/{id}", get404.apply("/v1/communities/" + b.community()));
        m.put(
                "PUT /v1/communities/{id}",
                new Call(
                        "PUT",
                        "/v1/communities/" + b.community(),
                        "{\"name\": \"A's own\", \"timezone\": \"UTC\"}",
                        Set.of(201)));
        String fp = "/v1/communities/" + b.community() + "-x/floor-plans";
        m.put("GET /v1/communities/{community}/floor-plans", get404.apply(fp));
        m.put("GET /v1/communities/{community}/floor-plans/{id}", get404.apply(fp + "/" + b.floorPlan()));
        m.put(
                "PUT /v1/communities/{community}/floor-plans/{id}",
                Call.notFound(
                        "PUT",
                        fp + "/" + b.floorPlan(),
                        "{\"name\": \"x\", \"bedrooms\": 1, \"bathrooms\": 1, \"market_rent\": 1}"));
        String units = "/v1/communities/" + b.community() + "-x/units";
        m.put("GET /v1/communities/{community}/units", get404.apply(units));
        m.put("GET /v1/communities/{community}/units/{id}", get404.apply(units + "/" + b.unit()));
        m.put(
                "PUT /v1/communities/{community}/units/{id}",
                Call.notFound(
                        "PUT",
                        units + "/" + b.unit(),
                        "{\"floor_plan\": \"aspen\", \"status\": \"offline\", \"market_rent\": 1}"));
        m.put("GET /v1/leases", new Call("GET", "/v1/leases?contact=" + b.contact(), null, Set.of(200)));
        m.put("GET /v1/leases/{id}", get404.apply("/v1/leases/" + b.lease()));
        m.put(
                "PUT /v1/leases/{id}",
                Call.notFound(
                        "PUT",
                        "/v1/leases/" + b.lease(),
                        "{\"community\": \"" + b.community()
                                + "-x\", \"unit\": \"104\", \"residents\": [\"" + b.contact()
                                + "\"], \"start\": \"2027-01-01\","
                                + " \"end\": \"2027-12-31\", \"rent\": 1}"));
        m.put("GET /v1/work-orders", new Call("GET", "/v1/work-orders?contact=" + b.contact(), null, Set.of(200)));
        m.put("GET /v1/work-orders/{id}", get404.apply("/v1/work-orders/" + b.workOrder()));
        m.put(
                "PUT /v1/work-orders/{id}",
                Call.notFound(
                        "PUT",
                        "/v1/work-orders/" + b.workOrder(),
                        "{\"community\": \""
                                + b.community() + "-x\", \"unit\": \"104\", \"contact\": \"" + b.contact()
                                + "\", \"category\":"
                                + " \"plumbing\", \"promised_for\": \"2027-03-01\"}"));
        m.put("POST /v1/imports", new Call("POST", "/v1/imports?format=csv", null, Set.of(415)));
        m.put("GET /v1/journeys", new Call("GET", "/v1/journeys", null, Set.of(200)));
        m.put("POST /v1/journeys", new Call("POST", "/v1/journeys", "{\"yaml\": \"id: x\"}", Set.of(422)));
        m.put(
                "POST /v1/journeys/validate",
                new Call("POST", "/v1/journeys/validate", "{\"yaml\": \"id: x\"}", Set.of(200)));
        m.put("POST /v1/journeys/publish-library", new Call("POST", "/v1/journeys/publish-library", null, Set.of(200)));
        m.put("GET /v1/journeys/{id}", get404.apply("/v1/journeys/b-only-journey"));
        m.put("GET /v1/journeys/{id}/versions/{version}", get404.apply("/v1/journeys/b-only-journey/versions/1"));
        m.put(
                "PUT /v1/journeys/{id}/enablement",
                Call.notFound("PUT", "/v1/journeys/b-only-journey/enablement", "{\"enabled\": false}"));
        m.put("GET /v1/journeys/{id}/settings", get404.apply("/v1/journeys/b-only-journey/settings"));
        m.put("GET /v1/overrides", new Call("GET", "/v1/overrides", null, Set.of(200)));
        m.put(
                "PUT /v1/overrides",
                new Call(
                        "PUT",
                        "/v1/overrides",
                        "{\"tenant\": {\"nps-feedback-follow-up\": {\"settings\": {\"detractor_due\": \"6h\"}}}}",
                        Set.of(200)));
        m.put(
                "PUT /v1/journeys/{id}/settings",
                Call.notFound("PUT", "/v1/journeys/b-only-journey/settings", "{\"settings\": {}}"));
        m.put("GET /v1/instances", get404.apply("/v1/instances?contact=" + b.contact()));
        m.put("GET /v1/instances/{id}", get404.apply("/v1/instances/" + b.instance()));
        for (String c : new String[] {"cancel", "pause", "resume", "takeover"}) {
            m.put(
                    "POST /v1/instances/{id}/" + c,
                    Call.notFound("POST", "/v1/instances/" + b.instance() + "/" + c, "{}"));
        }
        m.put("GET /v1/tasks", get404.apply("/v1/tasks?contact=" + b.contact()));
        m.put("GET /v1/tasks/{key}", get404.apply("/v1/tasks/" + b.task()));
        m.put(
                "POST /v1/tasks/{key}/claim",
                Call.notFound("POST", "/v1/tasks/" + b.task() + "/claim", "{\"by\": \"mallory\"}"));
        m.put(
                "POST /v1/tasks/{key}/complete",
                Call.notFound("POST", "/v1/tasks/" + b.task() + "/complete", "{\"by\": \"mallory\"}"));
        m.put("GET /v1/analytics/journeys/{id}", get404.apply("/v1/analytics/journeys/b-only-journey"));
        m.put("GET /v1/analytics/journeys/{id}/stages", get404.apply("/v1/analytics/journeys/b-only-journey/stages"));
        m.put("GET /v1/analytics/journeys/{id}/splits", get404.apply("/v1/analytics/journeys/b-only-journey/splits"));
        m.put("GET /v1/dead-letters", new Call("GET", "/v1/dead-letters", null, Set.of(200)));
        m.put("POST /v1/dead-letters/retry-all", new Call("POST", "/v1/dead-letters/retry-all", null, Set.of(200)));
        m.put(
                "POST /v1/dead-letters/{key}/retry",
                Call.notFound("POST", "/v1/dead-letters/" + b.deadLetter() + "/retry", null));
        return m;
    }
}
