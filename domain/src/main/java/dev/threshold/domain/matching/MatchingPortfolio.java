package dev.threshold.domain.matching;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.GeoPoint;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code portfolio-match}: the same search as {@code match-units}, across the other communities of the
 * origin community's portfolio, kept to its market (unless told otherwise) and within a distance.
 * Units are ranked across communities; each carries its community and distance.
 *
 * <pre>{@code
 * - id: elsewhere
 *   action: { name: portfolio-match, with: { max_miles: "15" }, as: elsewhere }
 * # results.elsewhere = {origin, count, total, units: [{..., community, community_name, distance_miles}],
 * #   best, communities: [{community, name, market, distance_miles, count, from_rent}],
 * #   excluded: {..., other_market: 1, too_far: 2}, criteria, missing}
 * }</pre>
 */
public final class MatchingPortfolio implements DomainAction {
    public static final String NAME = "portfolio-match";
    private static final Set<String> OWN = Set.of("market", "max_miles", "include_origin", "per_community");

    private final UnitMatcher matcher = new UnitMatcher();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        Set<String> all = new HashSet<>(SearchArguments.PARAMETERS);
        all.addAll(OWN);
        return all;
    }

    @Override
    public Map<String, Object> run(ActionRequest request) {
        Arguments args = new Arguments(NAME, request);
        UnitInventory inventory = Inventories.of(request, NAME);
        Community origin = Inventories.community(args, inventory);
        LocalDate today = request.now().atZone(origin.timezone()).toLocalDate();
        UnitSearch search = SearchArguments.read(args, origin.timezone());
        Optional<String> market = market(args, origin);
        Optional<Double> maxMiles = args.number("max_miles", null);
        if (maxMiles.isPresent() && maxMiles.get() <= 0) {
            throw args.problem("max_miles", maxMiles.get(), "a positive distance in miles");
        }
        boolean includeOrigin = args.flag("include_origin", false);
        int perCommunity = args.integer("per_community", search.limit());

        List<UnitMatch> all = new ArrayList<>();
        List<Map<String, Object>> communities = new ArrayList<>();
        Map<Exclusion, Integer> excluded = new EnumMap<>(Exclusion.class);
        long otherMarket = 0;
        long tooFar = 0;
        for (Community c : inventory.communities()) {
            if (!c.portfolio().equals(origin.portfolio()) || (!includeOrigin && c.id().equals(origin.id()))) {
                continue;
            }
            if (market.isPresent() && !market.get().equalsIgnoreCase(c.market())) {
                otherMarket++;
                continue;
            }
            Optional<Double> miles = distance(origin, c);
            if (maxMiles.isPresent() && (miles.isEmpty() || miles.get() > maxMiles.get())) {
                tooFar++;
                continue;
            }
            UnitMatcher.Outcome o =
                    matcher.match(c, inventory.floorPlans(c.id()), inventory.units(c.id()), search, today);
            o.excluded().forEach((k, v) -> excluded.merge(k, v, Integer::sum));
            all.addAll(o.matches().stream().limit(perCommunity).toList());
            if (!o.matches().isEmpty()) {
                communities.add(summary(c, miles, o.matches()));
            }
        }
        all.sort(Comparator.comparingInt(UnitMatch::score)
                .reversed()
                .thenComparing(m -> distance(origin, m.community()).orElse(Double.MAX_VALUE))
                .thenComparing(UnitMatch::rent)
                .thenComparing(m -> m.community().id())
                .thenComparing(m -> m.unit().id()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("origin", origin.id());
        result.put("origin_name", origin.name());
        Map<String, Object> ranked = Inventories.ranked(all, search.limit());
        addDistances(ranked, origin, inventory);
        result.putAll(ranked);
        result.put("communities", communities);
        Map<String, Object> ex = Inventories.excluded(excluded);
        ex.put("other_market", otherMarket);
        ex.put("too_far", tooFar);
        result.put("excluded", ex);
        Map<String, Object> criteria = SearchArguments.criteria(search, today);
        market.ifPresent(m -> criteria.put("market", m));
        maxMiles.ifPresent(m -> criteria.put("max_miles", m));
        result.put("criteria", criteria);
        result.put("missing", search.missing());
        return result;
    }

    private static Optional<String> market(Arguments args, Community origin) {
        Optional<String> m = args.text("market", null);
        if (m.isPresent() && m.get().equalsIgnoreCase("any")) {
            return Optional.empty();
        }
        return m.or(() -> origin.market().isEmpty() ? Optional.empty() : Optional.of(origin.market()));
    }

    private static Optional<Double> distance(Community a, Community b) {
        if (a.id().equals(b.id())) {
            return Optional.of(0.0);
        }
        if (a.location().isEmpty() || b.location().isEmpty()) {
            return Optional.empty();
        }
        GeoPoint p = a.location().get();
        return Optional.of(Math.round(p.milesTo(b.location().get()) * 10) / 10.0);
    }

    private static Map<String, Object> summary(Community c, Optional<Double> miles, List<UnitMatch> matches) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("community", c.id());
        s.put("name", c.name());
        s.put("market", c.market());
        miles.ifPresent(m -> s.put("distance_miles", m));
        s.put("count", (long) matches.size());
        UnitMatch cheapest =
                matches.stream().min(Comparator.comparing(UnitMatch::rent)).orElseThrow();
        s.put("from_rent", cheapest.rent().toNumber());
        s.put("from_rent_text", cheapest.rent().text());
        Object site = c.links().get("website");
        if (site != null) {
            s.put("website", site);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static void addDistances(Map<String, Object> ranked, Community origin, UnitInventory inventory) {
        for (Object o : (List<Object>) ranked.get("units")) {
            Map<String, Object> u = (Map<String, Object>) o;
            inventory
                    .community((String) u.get("community"))
                    .flatMap(c -> distance(origin, c))
                    .ifPresent(d -> u.put("distance_miles", d));
        }
    }
}
