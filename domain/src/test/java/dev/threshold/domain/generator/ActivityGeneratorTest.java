package dev.threshold.domain.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.Role;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ActivityGeneratorTest {
    static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
    static final SyntheticPortfolio PORTFOLIO = PortfolioGenerator.generate(11, 1_500, TODAY);
    static final List<Event> YEAR =
            ActivityGenerator.activity(PORTFOLIO, 11, TODAY, 365).toList();

    @Test
    void the_same_portfolio_seed_and_days_give_the_same_events_and_another_seed_others() {
        List<Event> again =
                ActivityGenerator.activity(PORTFOLIO, 11, TODAY, 365).toList();
        List<Event> other =
                ActivityGenerator.activity(PORTFOLIO, 12, TODAY, 365).toList();

        assertThat(again).isEqualTo(YEAR);
        assertThat(other).isNotEqualTo(YEAR);
        Instant day31 = PORTFOLIO.changes().communities().stream()
                .map(c -> TODAY.plusDays(30).atStartOfDay(c.timezone()).toInstant())
                .min(Instant::compareTo)
                .orElseThrow();
        assertThat(ActivityGenerator.activity(PORTFOLIO, 11, TODAY, 30)
                        .filter(e -> e.occurredAt().isBefore(day31))
                        .toList())
                .as("a shorter window is the start of the longer one")
                .isEqualTo(YEAR.stream()
                        .filter(e -> e.occurredAt().isBefore(day31))
                        .toList());
    }

    @Test
    void every_event_is_valid_in_time_order_within_the_window_and_has_its_own_id() {
        ObjectMapper json = new ObjectMapper();
        Instant previous = Instant.MIN;
        Instant first =
                TODAY.atStartOfDay(ZoneId.of("Pacific/Honolulu")).minusDays(1).toInstant();
        for (Event e : YEAR) {
            assertThat(e.occurredAt()).as(e.id()).isAfterOrEqualTo(previous).isAfter(first);
            previous = e.occurredAt();
            var type = EventCatalog.builtIn().find(e.type());
            assertThat(type).as(e.type()).isPresent();
            assertThat(type.get().validate(json.valueToTree(e.data())))
                    .as(e.id())
                    .isEmpty();
            assertThat(e.community()).as(e.id()).isPresent();
        }
        assertThat(previous).isBefore(end(TODAY.plusDays(365)));
        assertThat(YEAR.stream().map(Event::id).distinct().count()).isEqualTo(YEAR.size());
    }

    @Test
    void every_trigger_of_the_journey_library_fires_within_a_year_of_a_small_portfolio() throws IOException {
        Set<String> triggers = libraryTriggers();
        Set<String> seen = new HashSet<>();
        YEAR.forEach(e -> seen.add(e.type()));
        if (seen.contains("sms.received")) {
            seen.add("sms.replied"); // an inbound text reaches journeys as sms.replied once the guardrails read it
        }

        assertThat(triggers).hasSizeGreaterThan(20);
        assertThat(seen).containsAll(triggers);
    }

    @Test
    void rates_are_those_of_a_stabilised_portfolio() {
        Map<String, Integer> byType = new HashMap<>();
        YEAR.forEach(e -> byType.merge(e.type(), 1, Integer::sum));
        long households = PORTFOLIO.changes().leases().stream()
                .filter(l -> l.activeOn(TODAY))
                .count();
        int moveOuts = byType.get("moveout.completed");
        int newLeases = (int) YEAR.stream()
                .filter(e ->
                        e.type().equals("lease.signed") && "new".equals(e.data().get("kind")))
                .count();

        assertThat((double) moveOuts / households).as("turnover").isBetween(0.3, 0.6);
        assertThat((double) newLeases / moveOuts)
                .as("new leases replace move-outs")
                .isBetween(0.6, 1.5);
        assertThat(byType.get("renewal.signed")).isGreaterThan(byType.get("notice.given") / 2);
        assertThat(byType.get("workorder.overdue"))
                .isBetween(byType.get("workorder.created") / 20, byType.get("workorder.created") / 4);
        long afterHours = YEAR.stream()
                .filter(e -> e.type().equals("lead.created") || e.type().equals("form.submitted"))
                .filter(e -> {
                    var zone = PORTFOLIO.changes().communities().stream()
                            .filter(c -> c.id().equals(e.community().orElseThrow()))
                            .findFirst()
                            .orElseThrow()
                            .timezone();
                    int hour = e.occurredAt().atZone(zone).getHour();
                    return hour < 9 || hour >= 18;
                })
                .count();
        long leads = byType.get("lead.created") + byType.get("form.submitted");
        assertThat((double) afterHours / leads).as("after hours").isBetween(0.2, 0.45);
        assertThat(YEAR.stream()
                        .filter(e -> e.type().equals("payment.made"))
                        .filter(e -> Boolean.TRUE.equals(e.data().get("late")))
                        .count())
                .isPositive();
    }

    @Test
    void every_newcomer_becomes_a_contact_with_the_role_the_event_gives_and_others_are_not_newcomers() {
        Set<String> known = new HashSet<>();
        PORTFOLIO.changes().contacts().forEach(c -> known.add(c.id()));
        Set<String> introduced = new HashSet<>();
        for (Event e : YEAR) {
            String who = e.contact().orElse(null);
            if (who == null || known.contains(who) || introduced.contains(who)) {
                continue;
            }
            Contact c = ActivityGenerator.newcomer(PORTFOLIO, e)
                    .orElseThrow(() -> new AssertionError(e.type() + " introduces " + who + " without a contact"));
            assertThat(c.id()).isEqualTo(who);
            assertThat(c.email()).isPresent();
            assertThat(c.timezone()).isPresent();
            Role role = c.rolesOn(e.occurredAt().atZone(c.timezone().get()).toLocalDate())
                    .iterator()
                    .next();
            assertThat(role)
                    .as(e.type())
                    .isEqualTo(
                            switch (e.type()) {
                                case "hoa_member.added" -> Role.HOA_MEMBER;
                                case "client.signed" -> Role.BUSINESS_CLIENT;
                                default -> Role.PROSPECT;
                            });
            assertThat(ActivityGenerator.newcomer(PORTFOLIO, e)).contains(c);
            introduced.add(who);
        }
        assertThat(introduced).hasSizeGreaterThan(1_000);
        Event resident = YEAR.stream()
                .filter(e -> e.type().equals("portal.login"))
                .filter(e -> known.contains(e.contact().orElseThrow()))
                .findFirst()
                .orElseThrow();
        assertThat(ActivityGenerator.newcomer(PORTFOLIO, resident)).isEmpty();
    }

    @Test
    void a_negative_number_of_days_is_refused_and_none_gives_nothing() {
        assertThatThrownBy(() -> ActivityGenerator.activity(PORTFOLIO, 1, TODAY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThat(ActivityGenerator.activity(PORTFOLIO, 1, TODAY, 0)).isEmpty();
    }

    /**
     * A year of a 100,000-resident portfolio streams in a 512 MB (the portfolio's records alone take over 256 MB) heap: the stream is consumed in a JVM of its
     * own with that limit, which fails with an OutOfMemoryError if the generator held the year.
     */
    @Test
    void a_year_of_a_hundred_thousand_residents_streams_in_a_modest_heap() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamAYear.class.getName(),
                        "100000",
                        "365")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        long events = Long.parseLong(output.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(events).isGreaterThan(1_000_000);
    }

    /** Consumes a year of activity and prints how many events it held. */
    public static final class StreamAYear {
        public static void main(String[] args) {
            SyntheticPortfolio p = PortfolioGenerator.generate(3, Integer.parseInt(args[0]), TODAY);
            long[] count = {0};
            ActivityGenerator.activity(p, 3, TODAY, Integer.parseInt(args[1])).forEach(e -> count[0]++);
            System.out.println(count[0]);
        }
    }

    static Instant end(LocalDate day) {
        return day.atStartOfDay(ZoneId.of("Pacific/Honolulu")).toInstant();
    }

    /** Every event type a journey's trigger names: plain, fan-out, history, date and absence triggers. */
    static Set<String> libraryTriggers() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("threshold.root"), "journeys"))) {
            for (Path f : files.filter(
                            x -> x.toString().endsWith(".yaml") && !x.toString().contains(".scenarios"))
                    .toList()) {
                collect(yaml.readTree(f.toFile()).path("trigger"), types);
            }
        }
        return types;
    }

    static void collect(JsonNode node, Set<String> types) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, types));
        } else if (node.isObject()) {
            node.properties().forEach(f -> {
                if (f.getKey().equals("event") && f.getValue().isTextual()) {
                    types.add(f.getValue().asText());
                } else if (f.getKey().equals("events")) {
                    f.getValue().forEach(v -> types.add(v.asText()));
                } else if (!f.getKey().equals("when")) {
                    collect(f.getValue(), types);
                }
            });
        }
    }
}
