package dev.threshold.domain.matching;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.community.Community;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code match-units}: the available units of one community that fit a person, ranked, each with the
 * reasons it matched. Arguments default to the contact's stated preferences.
 *
 * <pre>{@code
 * - id: match
 *   action: { name: match-units, with: { bedrooms: "event.bedrooms", limit: "3" }, as: matches }
 * # results.matches = {count, total, units: [{unit, floor_plan, rent, rent_text, available_on, score,
 * #                    reasons, summary, ...}], best: {...}, excluded: {over_budget: 2, ...},
 * #                    criteria: {...}, missing: [budget_max, ...]}
 * }</pre>
 */
public final class MatchingUnits implements DomainAction {
    public static final String NAME = "match-units";

    private final UnitMatcher matcher = new UnitMatcher();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return SearchArguments.PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ActionRequest request) {
        Arguments args = new Arguments(NAME, request);
        UnitInventory inventory = Inventories.of(request, NAME);
        Community community = Inventories.community(args, inventory);
        LocalDate today = request.now().atZone(community.timezone()).toLocalDate();
        UnitSearch search = SearchArguments.read(args, community.timezone());
        UnitMatcher.Outcome outcome = matcher.match(
                community, inventory.floorPlans(community.id()), inventory.units(community.id()), search, today);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("community", community.id());
        result.put("community_name", community.name());
        result.putAll(Inventories.ranked(outcome.matches(), search.limit()));
        result.put("excluded", Inventories.excluded(outcome.excluded()));
        result.put("criteria", SearchArguments.criteria(search, today));
        result.put("missing", search.missing());
        return result;
    }
}
