package dev.threshold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed to lead is kept on the lead as the dispatcher sends (V13): the first message sent to the person at or after
 * the lead, as the delivery log has it, and the outcomes page reads it from there.
 */
class SpeedToLeadTest {
    @TempDir
    Path dir;

    TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(Dialect.SQLITE, dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_lead_carries_its_first_response_and_the_outcomes_page_reads_it() {
        World acme = World.make(server, "acme", "Acme");
        Http.Answer prospect = server.http()
                .post(
                        "/v1/contacts",
                        acme.adminKey(),
                        "{\"id\": \"acme-p1\", \"first_name\": \"Pia\", \"last_name\": \"Lund\", \"roles\":"
                                + " [\"prospect\"], \"community\": \"" + acme.community() + "\", \"addresses\":"
                                + " {\"email\": \"pia@example.com\"}}");
        assertThat(prospect.status()).as(prospect.body()).isBetween(200, 201);
        Http.Answer lead = server.http()
                .post(
                        "/v1/events",
                        acme.adminKey(),
                        "{\"id\": \"lead-1\", \"type\": \"lead.created\", \"occurred_at\": \"2027-03-01T09:00:00-07:00\","
                                + " \"contact\": {\"id\": \"acme-p1\"}, \"community\": \"" + acme.community() + "\","
                                + " \"data\": {\"source\": \"website\"}}");
        assertThat(lead.status()).as(lead.body()).isBetween(200, 202);
        server.process();

        List<Map<String, Object>> leads = server.service()
                .store()
                .read(h -> h.createQuery("SELECT lead_at, first_response_at FROM leads WHERE tenant_id = 'acme'"
                                + " AND contact_id = 'acme-p1'")
                        .mapToMap()
                        .list());
        Long first = server.service()
                .store()
                .read(h -> h.createQuery("SELECT MIN(at) FROM deliveries WHERE tenant_id = 'acme'"
                                + " AND contact_id = 'acme-p1' AND outcome = 'sent' AND at >= :lead")
                        .bind("lead", ((Number) leads.get(0).get("lead_at")).longValue())
                        .mapTo(Long.class)
                        .one());
        assertThat(leads).hasSize(1);
        assertThat(first)
                .as("the lead was answered: "
                        + server.service()
                                .store()
                                .read(h -> h.createQuery("SELECT * FROM deliveries WHERE tenant_id = 'acme'")
                                        .mapToMap()
                                        .list())
                        + server.service()
                                .store()
                                .read(h -> h.createQuery(
                                                "SELECT journey_id, status, step FROM instances WHERE tenant_id = 'acme'")
                                        .mapToMap()
                                        .list()))
                .isNotNull();
        assertThat(((Number) leads.get(0).get("first_response_at")).longValue()).isEqualTo(first);

        server.clock().advance(java.time.Duration.ofMinutes(10));
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(acme.adminKey());
        String page = b.get("/outcomes?days=7").body();
        Matcher row = Pattern.compile("data-community=\"" + acme.community() + "\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).isTrue();
        assertThat(row.group(1)).contains("data-figure=\"leads\">1<").contains("data-figure=\"within-five\">100.0%<");
    }
}
