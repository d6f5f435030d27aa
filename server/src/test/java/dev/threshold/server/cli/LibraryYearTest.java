package dev.threshold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.generator.ActivityGenerator;
import dev.threshold.domain.generator.ActivityStory;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.domain.property.PropertyRepository;
import dev.threshold.domain.property.UnitChanges;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.guardrail.FrequencyCaps;
import dev.threshold.engine.guardrail.QuietHours;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Overrides;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.engine.sim.Scenario;
import dev.threshold.engine.sim.SimLine;
import dev.threshold.engine.sim.Simulator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * All 28 journeys of the library together, for a year of a synthetic 1,000-resident portfolio on the
 * simulator's virtual clock: the portfolio's records loaded, its activity fed in as it happens (leads appear
 * as they first write, prospects become residents when they sign, residents former residents when they move
 * out, as the property-management system's records say), and what a year of it does to people checked:
 * nothing fails, every hand-off lands, no one gets more marketing than the caps allow, no text at night, and
 * every journey has had someone in it. See docs/scenarios.md, "A year of the whole library".
 */
class LibraryYearTest {
    static final long SEED = 11;
    static final int RESIDENTS = 1_000;
    static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
    static final int DAYS = 365;

    static JourneyLibrary library;
    static SyntheticPortfolio portfolio;
    static Map<String, CommunityView> communities;
    static Simulator.Simulation year;
    static long events;
    static long newcomers;

    @BeforeAll
    static void live_a_year() throws Exception {
        library = Scenarios.library(LibraryScenariosTest.ROOT.resolve("journeys"));
        portfolio = PortfolioGenerator.generate(SEED, RESIDENTS, TODAY);
        communities = portfolio.changes().communities().stream()
                .map(Community::view)
                .collect(Collectors.toMap(CommunityView::id, Function.identity()));
        Scenario scenario = scenario();
        Simulator simulator = new Simulator(
                new dev.threshold.engine.core.Engine(library, Workspace.actions()),
                dev.threshold.engine.guardrail.Guardrails.defaults(),
                new PortfolioRecords(portfolio));
        year = simulator.run(scenario);
        print();
        String dump = System.getProperty("threshold.year.lines");
        if (dump != null) { // every line of the year, as JSON, for a closer look
            java.nio.file.Files.write(
                    java.nio.file.Path.of(dump),
                    year.lines().stream().map(SimLine::toJson).toList());
        }
    }

    /** The portfolio's people and places, and a year of its activity with the record changes it implies. */
    static Scenario scenario() {
        Instant start = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(12 * 3600);
        ActivityStory story = new ActivityStory(portfolio, LibraryYearTest::zoneOf);
        List<ContactView> people = story.cast(start).toList();
        Map<String, Map<String, String>> leases = new HashMap<>();
        for (Lease l : portfolio.changes().leases()) {
            Map<String, String> parties = new java.util.LinkedHashMap<>();
            l.residents().forEach(r -> parties.put(r, "resident"));
            leases.put(l.id(), parties);
        }
        List<Scenario.Timed> inputs = new ArrayList<>();
        Set<String> seen =
                new java.util.HashSet<>(people.stream().map(ContactView::id).toList());
        story.inputs(SEED, TODAY, DAYS).forEach(t -> {
            inputs.add(t);
            if (t instanceof Scenario.TimedEvent) {
                events++;
            } else if (t instanceof Scenario.TimedContact c
                    && seen.add(c.contact().id())) {
                newcomers++;
            }
        });
        return new Scenario(
                "a year of the library",
                "LibraryYearTest",
                start,
                TODAY.plusDays(DAYS).atStartOfDay(ZoneOffset.UTC).toInstant(),
                Optional.empty(),
                Map.of(),
                List.copyOf(communities.values()),
                people,
                Map.of("lease", leases),
                JsonNodeFactory.instance.objectNode(),
                inputs,
                List.of(),
                Overrides.none());
    }

    static ZoneId zoneOf(Optional<String> community) {
        return community.map(communities::get).map(CommunityView::timezone).orElse(ZoneOffset.UTC);
    }

    /** The portfolio's records for the domain actions, following the year as the runtime's records would. */
    record PortfolioRecords(SyntheticPortfolio portfolio) implements Simulator.Extensions {
        @Override
        public Map<Class<?>, Object> from(Scenario scenario) {
            return portfolio.store().extensions();
        }

        @Override
        public void observe(Event event, Map<Class<?>, Object> data) {
            if (data.get(PropertyRecords.class) instanceof PropertyRepository records) {
                ActivityGenerator.newcomer(portfolio, event)
                        .ifPresent(c ->
                                records.apply(ChangeSet.builder().contact(c).build()));
                UnitChanges.of(event, records.records()).ifPresent(records::apply);
            }
        }
    }

    static List<SimLine> of(String type) {
        return year.lines().stream().filter(l -> l.type().equals(type)).toList();
    }

    @Test
    void no_journey_fails() {
        assertThat(of("exit"))
                .filteredOn(l -> "failed".equals(l.fields().get("status")))
                .extracting(SimLine::toJson)
                .isEmpty();
    }

    @Test
    void every_journey_of_the_library_has_someone_in_it() {
        Set<String> entered = of("entered").stream().map(SimLine::journey).collect(Collectors.toSet());
        Set<String> all = library.latest().stream().map(Journey::id).collect(Collectors.toSet());
        assertThat(all).hasSize(28);
        assertThat(all)
                .allSatisfy(j -> assertThat(entered).as("journeys entered").contains(j));
    }

    /** The reasons a person handed on may not enter: a rule of the target, never an error. */
    static final List<String> LEGITIMATE = List.of(
            "the journey is for ",
            "the audience condition is false",
            "already in it since",
            "entered once already",
            "cooling down until",
            "the journey is switched off");

    @Test
    void every_hand_off_lands_in_its_target_or_is_refused_by_its_rules() {
        Map<String, List<SimLine>> decided = new HashMap<>();
        for (SimLine l : year.lines()) {
            if (l.type().equals("entered") || l.type().equals("not-entered")) {
                decided.computeIfAbsent(l.contact() + "|" + l.journey() + "|" + l.at(), k -> new ArrayList<>())
                        .add(l);
            }
        }
        List<SimLine> handoffs = of("handoff");
        assertThat(handoffs).isNotEmpty();
        List<String> lost = new ArrayList<>();
        for (SimLine h : handoffs) {
            String to = String.valueOf(h.fields().get("to"));
            List<SimLine> there = decided.getOrDefault(h.contact() + "|" + to + "|" + h.at(), List.of());
            boolean landed = there.stream()
                    .anyMatch(l -> l.type().equals("entered")
                            || LEGITIMATE.stream()
                                    .anyMatch(String.valueOf(l.fields().get("reason"))::startsWith));
            if (!landed) {
                lost.add(h.toJson() + " -> "
                        + there.stream().map(SimLine::toJson).toList());
            }
        }
        assertThat(lost).as("hand-offs that did not land").isEmpty();
    }

    @Test
    void no_one_gets_more_marketing_than_the_caps_allow_in_any_window() {
        FrequencyCaps caps = FrequencyCaps.defaults();
        Map<String, List<Instant>> sent = new TreeMap<>();
        for (SimLine m : of("message")) {
            if ("marketing".equals(m.fields().get("purpose")) && !m.fields().containsKey("to_staff")) {
                sent.computeIfAbsent(m.contact() + "|" + m.fields().get("channel"), k -> new ArrayList<>())
                        .add(m.at());
            }
        }
        assertThat(sent).isNotEmpty();
        List<String> over = new ArrayList<>();
        sent.forEach((key, times) -> {
            Channel channel =
                    Channel.valueOf(key.substring(key.indexOf('|') + 1).toUpperCase(Locale.ROOT));
            caps.cap(channel).ifPresent(cap -> {
                List<Instant> sorted = times.stream().sorted().toList();
                int from = 0;
                for (int i = 0; i < sorted.size(); i++) {
                    // the window closing at each message: (t - window, t]
                    while (!sorted.get(from).isAfter(sorted.get(i).minus(cap.window()))) {
                        from++;
                    }
                    if (i - from + 1 > cap.max()) {
                        over.add(key + ": " + (i - from + 1) + " in the "
                                + cap.window().toDays() + " days to " + sorted.get(i));
                    }
                }
            });
        });
        assertThat(over).as("windows over the cap").isEmpty();
    }

    @Test
    void no_text_reaches_anyone_in_their_quiet_hours() {
        List<SimLine> texts = of("message").stream()
                .filter(m -> "sms".equals(m.fields().get("channel"))
                        && !m.fields().containsKey("to_staff")
                        && !"compliance".equals(m.fields().get("purpose")))
                .toList();
        assertThat(texts).isNotEmpty();
        List<String> night = new ArrayList<>();
        for (SimLine t : texts) {
            ContactView who = year.world().contact(t.contact()).orElseThrow();
            Optional<CommunityView> community = who.community().map(communities::get);
            ZoneId zone = who.timezone()
                    .or(() -> community.map(CommunityView::timezone))
                    .orElseThrow();
            LocalTime local = t.at().atZone(zone).toLocalTime();
            Optional<String> state = who.state().or(() -> community.flatMap(CommunityView::state));
            Optional<QuietHours.Window> own =
                    community.flatMap(CommunityView::quietHours).map(QuietHours.Window::parse);
            Purpose purpose =
                    Purpose.valueOf(String.valueOf(t.fields().get("purpose")).toUpperCase(Locale.ROOT));
            boolean federal = !local.isBefore(LocalTime.of(8, 0)) && local.isBefore(LocalTime.of(21, 0));
            if (!federal || !QuietHours.allows(t.at(), zone, state, own, purpose)) {
                night.add(t.toJson() + " at " + local + " in " + zone
                        + state.map(s -> " " + s).orElse(""));
            }
        }
        assertThat(night).as("texts in quiet hours").isEmpty();
    }

    /** The figures of the year, for docs/scenarios.md. */
    static void print() {
        Map<String, Long> entries = new TreeMap<>(
                of("entered").stream().collect(Collectors.groupingBy(SimLine::journey, Collectors.counting())));
        Map<String, Long> goals = new TreeMap<>(
                of("goal").stream().collect(Collectors.groupingBy(SimLine::journey, Collectors.counting())));
        Map<String, Long> channels = new TreeMap<>(of("message").stream()
                .filter(m -> !m.fields().containsKey("to_staff"))
                .collect(Collectors.groupingBy(
                        m -> m.fields().get("channel") + " " + m.fields().get("purpose"), Collectors.counting())));
        long toStaff = of("message").stream()
                .filter(m -> m.fields().containsKey("to_staff"))
                .count();
        System.out.printf(
                "A year of the library: %,d residents, %,d events, %,d newcomers, %,d lines, %,d people in journeys%n",
                RESIDENTS,
                events,
                newcomers,
                year.lines().size(),
                year.journeys().size());
        System.out.printf("%-30s %8s %8s%n", "journey", "entries", "goals");
        entries.forEach((j, n) -> System.out.printf("%-30s %8d %8d%n", j, n, goals.getOrDefault(j, 0L)));
        System.out.println("messages to people, by channel and purpose:");
        channels.forEach((c, n) -> System.out.printf("  %-24s %,8d%n", c, n));
        System.out.printf("  %-24s %,8d%n", "to staff", toStaff);
        System.out.printf(
                "hand-offs %,d; tasks %,d; deferred %,d; skipped %,d%n",
                of("handoff").size(),
                of("task").size(),
                of("deferred").size(),
                of("skipped").size());
    }
}
