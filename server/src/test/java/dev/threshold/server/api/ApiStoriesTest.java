package dev.threshold.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.runtime.outbox.channel.WebhookSignature;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.auth.Role;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What integrators and staff do with the API, told as stories over real HTTP. */
class ApiStoriesTest {
    @TempDir
    Path dir;

    @Test
    void a_detractor_gets_a_task_that_an_agent_claims_and_completes_and_the_journey_hears_it() {
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            World w = World.make(server, "acme", "ACME");
            String agent = server.key("acme", Role.AGENT);
            Http http = server.http();

            assertThat(http.post("/v1/tasks/" + w.task() + "/claim", agent, "{\"by\": \"maria\"}")
                            .json()
                            .path("claimed_by")
                            .asText())
                    .isEqualTo("maria");
            Http.Answer taken = http.post("/v1/tasks/" + w.task() + "/claim", agent, "{\"by\": \"li\"}");
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.json().at("/error/message").asText()).contains("already claimed by maria");

            assertThat(http.post(
                                    "/v1/tasks/" + w.task() + "/complete",
                                    agent,
                                    "{\"by\": \"maria\", \"outcome\": \"resolved\"}")
                            .status())
                    .isEqualTo(202);
            server.process();

            assertThat(http.get("/v1/tasks/" + w.task(), agent)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("done");
            assertThat(http.post("/v1/tasks/" + w.task() + "/complete", agent, "{\"by\": \"maria\"}")
                            .status())
                    .isEqualTo(409);
            assertThat(http.get("/v1/analytics/journeys/" + w.journey(), agent)
                            .json()
                            .path("entered")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void roles_and_communities_limit_what_a_key_does_and_sees() {
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            World w = World.make(server, "acme", "ACME");
            Http http = server.http();
            String reader = server.key("acme", Role.READ_ONLY);
            String elsewhere = server.key("acme", Role.EDITOR, "other-community");

            Http.Answer forbidden = http.post("/v1/journeys/publish-library", reader, null);
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.json().at("/error/message").asText()).contains("admin or editor");
            assertThat(http.get("/v1/contacts/" + w.contact(), reader).status()).isEqualTo(200);
            assertThat(http.get("/v1/contacts/" + w.contact(), elsewhere).status())
                    .isEqualTo(404);
            assertThat(http.get("/v1/contacts", elsewhere).json().path("items")).isEmpty();
            assertThat(http.put(
                                    "/v1/journeys/" + w.journey() + "/enablement",
                                    elsewhere,
                                    "{\"community\": \"" + w.community() + "\", \"enabled\": false}")
                            .status())
                    .isEqualTo(403);
            assertThat(http.get("/v1/contacts", null).status()).isEqualTo(401);
            assertThat(http.get("/v1/contacts", "thr_acme_not-a-key").status()).isEqualTo(401);

            var created = server.service().keys().create("acme", "to revoke", Role.ADMIN, java.util.Set.of());
            String revoked = created.key();
            String id = created.listed().id();
            assertThat(http.get("/v1/contacts", revoked).status()).isEqualTo(200);
            assertThat(http.delete("/v1/keys/" + id, w.adminKey()).status()).isEqualTo(204);
            assertThat(http.get("/v1/contacts", revoked).status()).isEqualTo(401);
        }
    }

    @Test
    void a_key_over_its_rate_waits_as_retry_after_says_and_large_bodies_are_refused() {
        try (TestServer server = TestServer.start(
                Dialect.SQLITE,
                dir,
                Map.of(
                        "THRESHOLD_LIMITS_RATE_PER_SECOND",
                        "1",
                        "THRESHOLD_LIMITS_RATE_BURST",
                        "3",
                        "THRESHOLD_LIMITS_MAX_BODY_BYTES",
                        "2048"))) {
            String key = server.key("acme", Role.ADMIN);
            Http http = server.http();
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/v1/journeys", key).status()).isEqualTo(200);
            }
            Http.Answer limited = http.get("/v1/journeys", key);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).contains("1");

            server.clock().advance(Duration.ofSeconds(1));
            assertThat(http.get("/v1/journeys", key).status()).isEqualTo(200);
            server.clock().advance(Duration.ofSeconds(5));
            Http.Answer large = http.post("/v1/events", key, "{\"id\": \"" + "x".repeat(4000) + "\"}");
            assertThat(large.status()).isEqualTo(413);
            assertThat(large.json().at("/error/code").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void a_signed_pms_webhook_is_taken_once_and_a_stale_or_forged_one_is_refused() {
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            String key = server.key("acme", Role.ADMIN);
            Http http = server.http();
            String secret = http.post("/v1/webhook-sources", key, "{\"source\": \"pms\"}")
                    .json()
                    .path("secret")
                    .asText();
            String body =
                    "{\"id\": \"pms-1\", \"type\": \"feedback.submitted\", \"occurred_at\": \"2027-03-01T09:00:00Z\","
                            + " \"contact\": {\"external_id\": \"pms:R-1\"}, \"data\": {\"score\": 9}}";
            String signature = WebhookSignature.sign(
                    secret.getBytes(StandardCharsets.UTF_8), server.clock().instant(), "pms", body);
            Map<String, String> signed = Map.of(WebhookSignature.HEADER, signature);
            String url = "/v1/webhooks/acme/pms/events";

            assertThat(http.send("POST", url, null, "application/json", body.getBytes(StandardCharsets.UTF_8), signed)
                            .status())
                    .isEqualTo(202);
            assertThat(http.send("POST", url, null, "application/json", body.getBytes(StandardCharsets.UTF_8), signed)
                            .status())
                    .isEqualTo(409);
            String forged = WebhookSignature.sign(
                    "guess".getBytes(StandardCharsets.UTF_8), server.clock().instant(), "pms", body);
            assertThat(http.send(
                                    "POST",
                                    url,
                                    null,
                                    "application/json",
                                    body.getBytes(StandardCharsets.UTF_8),
                                    Map.of(WebhookSignature.HEADER, forged))
                            .status())
                    .isEqualTo(401);
            server.clock().advance(Duration.ofMinutes(10));
            assertThat(http.send("POST", url, null, "application/json", body.getBytes(StandardCharsets.UTF_8), signed)
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void a_csv_import_writes_contacts_that_the_api_then_shows() {
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            String key = server.key("acme", Role.INGEST);
            String admin = server.key("acme", Role.ADMIN);
            Http http = server.http();
            String csv = "external_id,first_name,last_name,role,email\nR-1,Dana,Ruiz,prospect,dana@example.com\n";
            Http.Answer plan = http.send(
                    "POST",
                    "/v1/imports?format=csv&kind=contacts&dry_run=true",
                    key,
                    "text/csv",
                    csv.getBytes(StandardCharsets.UTF_8),
                    Map.of());
            assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
            assertThat(http.get("/v1/contacts", admin).json().path("items")).isEmpty();

            Http.Answer done = http.send(
                    "POST",
                    "/v1/imports?format=csv&kind=contacts",
                    key,
                    "text/csv",
                    csv.getBytes(StandardCharsets.UTF_8),
                    Map.of());
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
            assertThat(http.get("/v1/contacts", admin).json().findValuesAsText("first_name"))
                    .contains("Dana");

            Http.Answer broken = http.send(
                    "POST",
                    "/v1/imports?format=mits",
                    key,
                    "application/xml",
                    "<PhysicalProperty><Property>".getBytes(StandardCharsets.UTF_8),
                    Map.of());
            assertThat(broken.status()).isEqualTo(422);
            assertThat(broken.json().at("/error/field").asText()).startsWith("line ");
        }
    }

    @Test
    void a_stopped_server_keeps_everything_it_acknowledged_and_refuses_new_connections() {
        String key;
        int port;
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            key = server.key("acme", Role.ADMIN);
            port = server.http().port();
            assertThat(server.http()
                            .post(
                                    "/v1/events",
                                    key,
                                    "{\"id\": \"e-1\", \"type\": \"feedback.submitted\","
                                            + " \"occurred_at\": \"2027-03-01T09:00:00Z\", \"contact\": {\"id\": \"c-1\"}, \"data\": {\"score\": 9}}")
                            .status())
                    .isEqualTo(202);
        }
        assertThat(new java.net.Socket())
                .satisfies(s ->
                        assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000)));
        try (TestServer again = TestServer.start(Dialect.SQLITE, dir)) {
            assertThat(again.http().get("/v1/contacts/c-1", key).status()).isEqualTo(200);
            assertThat(again.http()
                            .post(
                                    "/v1/events",
                                    key,
                                    "{\"id\": \"e-1\", \"type\": \"feedback.submitted\","
                                            + " \"occurred_at\": \"2027-03-01T09:00:00Z\", \"contact\": {\"id\": \"c-1\"}, \"data\": {\"score\": 9}}")
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("duplicate");
        }
    }
}
