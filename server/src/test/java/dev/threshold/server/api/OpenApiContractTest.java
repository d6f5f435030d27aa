package dev.threshold.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document served at /openapi.json describes exactly the routes the server has, and each one answers. */
class OpenApiContractTest {
    @TempDir
    Path dir;

    @Test
    void every_route_is_documented_and_every_documented_route_exists() {
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            Http.Answer doc = server.http().get("/openapi.json", null);
            assertThat(doc.status()).isEqualTo(200);
            Set<String> documented = new TreeSet<>();
            doc.json()
                    .path("paths")
                    .fields()
                    .forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
                        if (Set.of("get", "post", "put", "patch", "delete").contains(m)) {
                            documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                        }
                    }));
            Set<String> routes = server.service().routes().stream()
                    .map(r -> r.method() + " " + r.path())
                    .collect(Collectors.toCollection(TreeSet::new));

            assertThat(documented).isEqualTo(routes);
            for (String op : documented) {
                String[] mp = op.split(" ", 2);
                String path = mp[1].replaceAll("\\{[a-z]+}", "x");
                Http.Answer a = server.http().send(mp[0], path, null, null, null, Map.of());
                assertThat(a.json().path("error").path("code").asText())
                        .as(op + " is served (not an unknown route): " + a)
                        .isNotIn("method_not_allowed");
                assertThat(a.body()).as(op).doesNotContain("no such resource; the routes are listed");
            }
        }
    }

    @Test
    void every_documented_operation_says_what_it_answers_and_errors_have_one_shape() {
        try (TestServer server = TestServer.start(Dialect.SQLITE, dir)) {
            JsonNode doc = server.http().get("/openapi.json", null).json();
            doc.path("paths")
                    .fields()
                    .forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
                        assertThat(op.getValue().path("summary").asText())
                                .as(p.getKey())
                                .isNotBlank();
                        assertThat(op.getValue().path("responses").size())
                                .as(p.getKey())
                                .isPositive();
                    }));
            assertThat(doc.at("/components/schemas/Error/properties/error/required")
                            .toString())
                    .isEqualTo("[\"code\",\"message\",\"field\"]");
        }
    }
}
