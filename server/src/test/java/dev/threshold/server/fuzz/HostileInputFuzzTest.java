package dev.threshold.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.StoreDigest;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand hostile requests over real HTTP against a server with data in it. Every one must be answered with a
 * 4xx and the API's JSON error body (code, message, field), never a 5xx, a stack trace or SQL, and afterwards the
 * store must hold exactly what it held before.
 */
class HostileInputFuzzTest {
    static final int REQUESTS = 10_000;
    static final long SEED = 20270301L;
    static final long MAX_BODY = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void ten_thousand_hostile_requests_get_clear_4xx_errors_and_change_nothing() {
        try (TestServer server = TestServer.start(
                Dialect.SQLITE,
                dir,
                Map.of(
                        "THRESHOLD_LIMITS_MAX_BODY_BYTES",
                        Long.toString(MAX_BODY),
                        "THRESHOLD_LIMITS_MAX_BATCH",
                        "20"))) {
            World world = World.make(server, "fuzz", "FUZZ-WORLD");
            server.process();
            String before = StoreDigest.of(server.service().store());
            HostileRequests requests =
                    new HostileRequests(SEED, world, server.service().routes(), MAX_BODY);
            Http http = server.http();
            Map<String, Integer> byKind = new TreeMap<>();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            HostileRequests.Request previous = null;
            for (int i = 0; i < REQUESTS; i++) {
                HostileRequests.Request r = requests.next();
                Http.Answer a;
                try {
                    a = http.send(r.method(), r.path(), r.key(), r.contentType(), r.body(), r.headers());
                } catch (RuntimeException e) {
                    throw new AssertionError("after " + previous + " came " + r, e);
                }
                previous = r;
                byKind.merge(r.kind(), 1, Integer::sum);
                byStatus.merge(a.status(), 1, Integer::sum);
                assertRefusedClearly(r, a);
            }
            server.process();
            assertThat(StoreDigest.of(server.service().store()))
                    .as("the store after the requests")
                    .isEqualTo(before);
            assertThat(byKind).as("every kind of hostility was sent").hasSize(14);
            System.out.println("hostile requests by kind " + byKind + ", by status " + byStatus);
        }
    }

    private static void assertRefusedClearly(HostileRequests.Request r, Http.Answer a) {
        assertThat(a.status()).as("%s -> %s", r, a).isBetween(400, 499);
        assertThat(a.header("Content-Type").orElse("")).as("%s -> %s", r, a).startsWith("application/json");
        JsonNode error = a.json().path("error");
        assertThat(error.path("code").asText()).as("%s -> %s", r, a).isNotBlank();
        assertThat(error.path("message").asText()).as("%s -> %s", r, a).isNotBlank();
        assertThat(error.has("field")).as("%s -> %s", r, a).isTrue();
        assertThat(a.body())
                .as("%s -> %s", r, a)
                .doesNotContain(
                        "Exception",
                        "at dev.threshold",
                        "java.lang",
                        "org.jdbi",
                        "SQLITE_",
                        "PSQLException",
                        "root:x:0");
    }
}
