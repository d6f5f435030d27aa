package dev.threshold.bench;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.FloorPlan;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.matching.MatchingPortfolio;
import dev.threshold.domain.matching.MatchingUnits;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unit matching over 10,000 units of a synthetic portfolio: {@code match-units} over one community that holds
 * them all (the worst case of one search), and {@code portfolio-match} across the portfolio's communities that
 * together hold them. A prospect asks for two bedrooms under a budget, a move date a month out and a balcony.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseSerialGC", "--sun-misc-unsafe-memory-access=allow"})
public class UnitMatchingBenchmark {
    static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
    static final Instant NOW = Instant.parse("2027-03-01T16:00:00Z");

    @Param("10000")
    int units;

    ActionRequest oneCommunity;
    ActionRequest portfolio;
    final MatchingUnits matchUnits = new MatchingUnits();
    final MatchingPortfolio portfolioMatch = new MatchingPortfolio();

    @Setup
    public void setUp() {
        SyntheticPortfolio p = portfolioWith(units);
        List<Unit> all = p.changes().units().stream().limit(units).toList();
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("bedrooms", 2L);
        search.put("budget_max", 2200L);
        search.put("budget_flex_percent", 5L);
        search.put("move_date", TODAY.plusDays(30).toString());
        search.put("move_flex_days", 7L);
        search.put("features", List.of("balcony"));
        search.put("limit", 3L);

        // one community holding all the units: the portfolio's plans and units re-homed into its first community
        Community first = p.changes().communities().get(0);
        ChangeSet.Builder one = ChangeSet.builder().community(first);
        Map<String, FloorPlan> plans = new LinkedHashMap<>();
        for (FloorPlan f : p.changes().floorPlans()) {
            plans.putIfAbsent(
                    f.id(),
                    new FloorPlan(first.id(), f.id(), f.name(), f.bedrooms(), f.bathrooms(), f.sqft(), f.marketRent()));
        }
        plans.values().forEach(one::floorPlan);
        for (Unit u : all) {
            one.unit(new Unit(
                    first.id(),
                    u.community() + "-" + u.id(),
                    u.floorPlan(),
                    u.status(),
                    u.availableOn(),
                    u.marketRent(),
                    u.floor(),
                    u.view(),
                    u.amenities(),
                    u.accessibility(),
                    u.sqft(),
                    u.petsAllowed()));
        }
        InMemoryPropertyStore single = InMemoryPropertyStore.of(one.build());
        check(single.units(first.id()).size() == units, "the community holds " + units + " units");
        oneCommunity = request(single, first.id(), search);

        // the portfolio as generated, cut to the communities that hold the first `units` units
        ChangeSet.Builder cut = ChangeSet.builder();
        java.util.Set<String> kept = new java.util.LinkedHashSet<>();
        all.forEach(u -> kept.add(u.community()));
        p.changes().communities().stream().filter(c -> kept.contains(c.id())).forEach(cut::community);
        p.changes().floorPlans().stream()
                .filter(f -> kept.contains(f.community()))
                .forEach(cut::floorPlan);
        all.forEach(cut::unit);
        InMemoryPropertyStore many = InMemoryPropertyStore.of(cut.build());
        Map<String, Object> anywhere = new HashMap<>(search);
        anywhere.put("market", "any");
        anywhere.put("include_origin", true);
        anywhere.put("per_community", 3L);
        portfolio = request(many, first.id(), anywhere);

        check(!((List<?>) matchUnits.run(oneCommunity).get("units")).isEmpty(), "match-units finds units");
        check(!((List<?>) portfolioMatch.run(portfolio).get("units")).isEmpty(), "portfolio-match finds units");
    }

    /** The smallest generated portfolio (by residents, from the seed) with at least {@code units} units. */
    static SyntheticPortfolio portfolioWith(int units) {
        int residents = Math.max(100, units);
        while (true) {
            SyntheticPortfolio p = PortfolioGenerator.generate(7, residents, TODAY);
            if (p.changes().units().size() >= units) {
                return p;
            }
            residents = residents * 5 / 4;
        }
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark set-up: expected that " + what);
        }
    }

    static ActionRequest request(PropertyRecords records, String community, Map<String, Object> args) {
        Map<Class<?>, Object> ext = records.extensions();
        Context ctx = new Context() {
            @Override
            public Optional<ContactView> contact(String id) {
                return records.contact(id).map(c -> c.view(Instant.EPOCH, ZoneOffset.UTC));
            }

            @Override
            public Optional<CommunityView> community(String id) {
                return records.community(id).map(Community::view);
            }

            @Override
            public <T> Optional<T> extension(Class<T> type) {
                return Optional.ofNullable(ext.get(type)).map(type::cast);
            }
        };
        return new ActionRequest(
                args, ContactView.minimal("P-1", "prospect"), ctx.community(community), Map.of(), NOW, ctx);
    }

    @Benchmark
    public Map<String, Object> matchUnitsInOneCommunity() {
        return matchUnits.run(oneCommunity);
    }

    @Benchmark
    public Map<String, Object> portfolioMatchAcrossCommunities() {
        return portfolioMatch.run(portfolio);
    }
}
