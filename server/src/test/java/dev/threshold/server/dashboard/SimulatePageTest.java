package dev.threshold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.sim.SimLine;
import dev.threshold.engine.sim.Simulator;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.server.auth.Role;
import dev.threshold.server.dashboard.simulate.FutureActivity;
import dev.threshold.server.dashboard.simulate.PortfolioSimulation;
import dev.threshold.server.dashboard.simulate.Portfolios;
import dev.threshold.server.dashboard.simulate.SimulatedPortfolio;
import dev.threshold.server.support.Http;
import dev.threshold.server.support.StoreDigest;
import dev.threshold.server.support.TestServer;
import dev.threshold.server.support.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulate page: its figures are what the simulator itself says for the same portfolio, journeys, overrides and
 * period; it runs over the tenant's own people when there are some; it writes nothing; bad input is named.
 */
class SimulatePageTest {
    private static final String RENEWAL = "renewal-journey";

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
    void the_figures_on_the_page_are_those_of_a_direct_simulator_run_on_the_synthetic_portfolio() {
        String key = server.key("acme", Role.ADMIN);
        assertThat(server.http().post("/v1/journeys/publish-library", key, null).status())
                .isEqualTo(200);
        Http.Answer put = server.http()
                .send(
                        "PUT",
                        "/v1/overrides",
                        key,
                        "application/yaml",
                        ("tenant:\n  renewal-journey:\n    enabled: false\n    copy:\n      offer:\n        email:\n"
                                        + "          subject: \"Stay at {{ community.name }}, {{ contact.first_name }}\"\n"
                                        + "          body: \"Marker-7 renewal words for {{ contact.first_name }}.\"\n")
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of());
        assertThat(put.status()).as(put.body()).isBetween(200, 204);
        String before = StoreDigest.of(server.service().store());

        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(key);
        Http.Answer page = b.get("/simulate?run=1&journey=&community=&days=90&size=250");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String html = page.body();

        // the same run, straight from the simulator
        Instant from = server.clock().instant();
        PortfolioSimulation simulation = new PortfolioSimulation(
                server.service().runtime().journeys().engine("acme"),
                server.service()
                        .store()
                        .read(h -> server.service().runtime().journeys().overrides(h.getConnection(), "acme")),
                FutureActivity.generated(Portfolios.SEED));
        SimulatedPortfolio portfolio = Portfolios.synthetic(250, from, Optional.empty(), 1_000);
        Simulator.Simulation run =
                simulation.simulator(portfolio).run(simulation.scenario(portfolio, Optional.empty(), from, 90));
        Map<String, Integer> messages = new TreeMap<>();
        Map<String, Integer> tasks = new TreeMap<>();
        Map<String, Integer> escalated = new TreeMap<>();
        Map<String, Integer> stages = new TreeMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        Map<String, Integer> deferred = new TreeMap<>();
        int entered = 0;
        int goals = 0;
        for (SimLine l : run.lines()) {
            if (l.at().isBefore(from)) {
                continue;
            }
            switch (l.type()) {
                case "message" -> messages.merge(String.valueOf(l.fields().get("template")), 1, Integer::sum);
                case "task" -> tasks.merge(l.fields().get("role") + "/created", 1, Integer::sum);
                case "escalated" -> escalated.merge(l.fields().get("role") + "/escalated", 1, Integer::sum);
                case "stage" -> stages.merge(l.journey() + "/" + l.fields().get("stage"), 1, Integer::sum);
                case "skipped" -> skipped.merge(String.valueOf(l.fields().get("reason")), 1, Integer::sum);
                case "deferred" -> deferred.merge(String.valueOf(l.fields().get("reason")), 1, Integer::sum);
                case "entered" -> entered++;
                case "goal" -> goals++;
                default -> {}
            }
        }
        assertThat(messages).as("the simulation sends something").isNotEmpty();
        assertThat(goals)
                .as("the period is lived: people answer, book tours, renew, so some journeys reach their goal")
                .isPositive();
        assertThat(tasks).isNotEmpty();
        assertThat(stages).containsKey(RENEWAL + "/offered");

        assertThat(figure(html, "entered")).isEqualTo(entered);
        assertThat(rows(html, "data-template")).isEqualTo(messages);
        assertThat(reasons(html, "Skipped")).isEqualTo(skipped);
        assertThat(reasons(html, "Deferred")).isEqualTo(deferred);
        tasks.putAll(escalated);
        assertThat(rows(html, "data-role")).isEqualTo(tasks);
        assertThat(stageRows(html)).isEqualTo(stages);
        assertThat(html).contains("a synthetic portfolio (seed 7, 250 residents)");
        assertThat(html)
                .as("the tenant's overrides word the offer, though they switch the journey off")
                .contains("Marker-7 renewal words for ");
        assertThat(html).contains("At most 90 days");
        assertThat(StoreDigest.of(server.service().store()))
                .as("a simulation writes nothing")
                .isEqualTo(before);
    }

    @Test
    void the_tenants_own_people_are_simulated_when_it_has_some() {
        World acme = World.make(server, "acme", "Acme");
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(acme.adminKey());
        // the resident's lease ends 2027-06-30: the renewal journey starts 90 days before, within the next 60 days
        Http.Answer page = b.get("/simulate?run=1&journey=" + RENEWAL + "&community=" + acme.community() + "&days=60");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("your property data: 1 community, 1 person, 1 current lease");
        assertThat(figure(page.body(), "entered")).isEqualTo(1);
        assertThat(stageRows(page.body())).containsEntry(RENEWAL + "/offered", 1);
        assertThat(rows(page.body(), "data-role"))
                .as("the renewal offer needs a renewal policy the community lacks: a manager prices it")
                .containsEntry("community-manager/created", 1);
        assertThat(page.body()).doesNotContain("Synthetic portfolio</label>");

        // and a week is too short for it
        Http.Answer week = b.get("/simulate?run=1&journey=" + RENEWAL + "&days=7");
        assertThat(figure(week.body(), "entered")).isZero();
    }

    @Test
    void bad_choices_are_named_and_nothing_runs() {
        String key = server.key("acme", Role.ADMIN);
        server.http().post("/v1/journeys/publish-library", key, null);
        SignedInBrowser b = new SignedInBrowser(server.http());
        b.signIn(key);
        Http.Answer days = b.get("/simulate?run=1&days=365");
        assertThat(days.status()).isEqualTo(400);
        assertThat(days.body()).contains("days").contains("at most 90");
        Http.Answer size = b.get("/simulate?run=1&size=100000");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.body()).contains("100, 250 or 500 residents");
        Http.Answer journey = b.get("/simulate?run=1&journey=no-such-journey");
        assertThat(journey.status()).isEqualTo(404);
        Http.Answer form = b.get("/simulate");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"simulate-form\"").doesNotContain("What to expect");
    }

    private static int figure(String html, String name) {
        Matcher m = Pattern.compile("data-figure=\"" + name + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as("figure " + name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Rows keyed by an attribute: each non-zero count of the row, as "key/figure" (or "key" for "count"). */
    private static Map<String, Integer> rows(String html, String attribute) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = Pattern.compile("<tr " + attribute + "=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL)
                .matcher(html);
        while (m.find()) {
            Matcher f = Pattern.compile("data-figure=\"([a-z]+)\">(\\d+)<").matcher(m.group(2));
            while (f.find()) {
                int n = Integer.parseInt(f.group(2));
                if (n > 0) {
                    out.put(f.group(1).equals("count") ? m.group(1) : m.group(1) + "/" + f.group(1), n);
                }
            }
        }
        return out;
    }

    /** Skipped or deferred messages by reason. */
    private static Map<String, Integer> reasons(String html, String what) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = Pattern.compile("<tr data-kind=\"[a-z]+\"><td>" + what + "</td><td>([^<]*)</td><td class=\"num\""
                        + " data-figure=\"count\">(\\d+)<")
                .matcher(html);
        while (m.find()) {
            out.put(m.group(1).replace("&#39;", "'").replace("&amp;", "&"), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    private static Map<String, Integer> stageRows(String html) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher tables = Pattern.compile("data-journey=\"([^\"]+)\">(.*?)</table>", Pattern.DOTALL)
                .matcher(html);
        while (tables.find()) {
            Matcher rows = Pattern.compile("data-stage=\"([^\"]+)\">.*?data-figure=\"entered\">(\\d+)<", Pattern.DOTALL)
                    .matcher(tables.group(2));
            while (rows.find()) {
                int n = Integer.parseInt(rows.group(2));
                if (n > 0) {
                    out.put(tables.group(1) + "/" + rows.group(1), n);
                }
            }
        }
        return out;
    }
}
