package dev.threshold.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.store.Sql;
import dev.threshold.server.auth.Role;
import java.util.Map;

/**
 * One tenant's world, made through the API as an integrator would: the journey library, a community with a floor
 * plan and a unit, a resident on a lease with a work order, a detractor's feedback processed into an instance, a
 * staff task and a message (one of them made a dead letter), a webhook source and a second key. Names carry a
 * marker, so a test can tell whether anything of this tenant shows up where it must not.
 */
public record World(
        String tenant,
        String adminKey,
        String marker,
        String community,
        String floorPlan,
        String unit,
        String contact,
        String lease,
        String workOrder,
        String journey,
        String instance,
        String task,
        String deadLetter,
        String webhookSource,
        String keyId) {

    public static World make(TestServer server, String tenant, String marker) {
        Http http = server.http();
        String key = server.key(tenant, Role.ADMIN);
        String c = tenant + "-cedar";
        ok(http.post("/v1/journeys/publish-library", key, null));
        ok(http.put(
                "/v1/communities/" + c, key, "{\"name\": \"" + marker + " Cedar\", \"timezone\": \"America/Denver\"}"));
        ok(http.put(
                "/v1/communities/" + c + "/floor-plans/aspen",
                key,
                "{\"name\": \"" + marker + " Aspen\", \"bedrooms\": 1, \"bathrooms\": 1, \"market_rent\": 1450}"));
        ok(http.put(
                "/v1/communities/" + c + "/units/104",
                key,
                "{\"floor_plan\": \"aspen\", \"status\": \"vacant_ready\", \"market_rent\": 1465.5}"));
        String contact = tenant + "-r1";
        ok(http.post(
                "/v1/contacts",
                key,
                "{\"id\": \"" + contact + "\", \"first_name\": \"" + marker
                        + "\", \"last_name\": \"Ruiz\", \"roles\": [\"resident\"], \"community\": \"" + c
                        + "\", \"addresses\": {\"email\": \"" + tenant + "@example.com\"}}"));
        ok(http.put(
                "/v1/leases/" + tenant + "-L1",
                key,
                "{\"community\": \"" + c + "\", \"unit\": \"104\"," + " \"residents\": [\"" + contact
                        + "\"], \"start\": \"2026-07-01\", \"end\": \"2027-06-30\", \"rent\": 1465.5}"));
        ok(http.put(
                "/v1/work-orders/" + tenant + "-WO1",
                key,
                "{\"community\": \"" + c + "\", \"unit\": \"104\"," + " \"contact\": \"" + contact
                        + "\", \"category\": \"plumbing\", \"promised_for\": \"2027-03-01\"}"));
        ok(http.send(
                "PUT",
                "/v1/overrides",
                key,
                "application/yaml",
                ("# " + marker
                                + " overrides\ntenant:\n  nps-feedback-follow-up:\n    settings: { detractor_due: 12h }\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of()));
        ok(http.post(
                "/v1/events",
                key,
                "{\"id\": \"" + tenant + "-e1\", \"type\": \"feedback.submitted\","
                        + " \"occurred_at\": \"2027-03-01T09:00:00-07:00\", \"contact\": {\"id\": \"" + contact + "\"},"
                        + " \"community\": \"" + c + "\", \"data\": {\"score\": 3, \"topic\": \"maintenance\"}}"));
        server.process();
        String instance = http.get("/v1/instances?contact=" + contact, key)
                .json()
                .at("/items/0/id")
                .asText();
        String task = http.get("/v1/tasks?contact=" + contact, key)
                .json()
                .at("/items/0/key")
                .asText();
        String letter = server.service().store().write(h -> {
            String k = h.createQuery("SELECT message_key FROM outbox WHERE tenant_id = :t ORDER BY message_key")
                    .bind("t", tenant)
                    .mapTo(String.class)
                    .first();
            Sql.update(
                    h.getConnection(),
                    "UPDATE outbox SET status = 'dead', last_error = ? WHERE tenant_id = ?" + " AND message_key = ?",
                    marker + " bounced",
                    tenant,
                    k);
            return k;
        });
        ok(http.post("/v1/webhook-sources", key, "{\"source\": \"pms\"}"));
        String keyId = http.post("/v1/keys", key, "{\"name\": \"" + marker + " reader\", \"role\": \"read-only\"}")
                .json()
                .path("id")
                .asText();
        assertThat(instance).isNotEmpty();
        assertThat(task).isNotEmpty();
        return new World(
                tenant,
                key,
                marker,
                c,
                "aspen",
                "104",
                contact,
                tenant + "-L1",
                tenant + "-WO1",
                "nps-feedback-follow-up",
                instance,
                task,
                letter,
                "pms",
                keyId);
    }

    private static void ok(Http.Answer a) {
        assertThat(a.status()).as(a.toString()).isBetween(200, 299);
    }
}
