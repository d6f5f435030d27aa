package dev.threshold.domain.matching;

import static dev.threshold.domain.fixtures.Places.aCommunity;
import static dev.threshold.domain.fixtures.Places.aFloorPlan;
import static dev.threshold.domain.fixtures.Places.aUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class MatchingPortfolioTest {
    // Cedar Ridge (downtown Denver) is full; Aspen Grove is 6 miles away, Foothills 14, Boulder Flats 25;
    // Desert Bloom is in Phoenix; Lakeside belongs to another owner's portfolio.
    final InMemoryPropertyStore portfolio = InMemoryPropertyStore.of(ChangeSet.builder()
            .community(aCommunity("cedar-ridge").at(39.7392, -104.9903).build())
            .community(aCommunity("aspen-grove").at(39.6780, -104.9610).build())
            .community(aCommunity("foothills").at(39.7555, -105.2211).build())
            .community(aCommunity("boulder-flats").at(40.0150, -105.2705).build())
            .community(aCommunity("desert-bloom")
                    .inMarket("phoenix")
                    .inTimezone("America/Phoenix")
                    .at(33.4484, -112.0740)
                    .build())
            .community(aCommunity("lakeside")
                    .inPortfolio("other-owner")
                    .at(39.74, -104.99)
                    .build())
            .floorPlan(aFloorPlan("cedar-ridge", "one", 1, 1500))
            .floorPlan(aFloorPlan("aspen-grove", "one", 1, 1350))
            .floorPlan(aFloorPlan("foothills", "one", 1, 1300))
            .floorPlan(aFloorPlan("boulder-flats", "one", 1, 1250))
            .floorPlan(aFloorPlan("desert-bloom", "one", 1, 1100))
            .floorPlan(aFloorPlan("lakeside", "one", 1, 1200))
            .unit(aUnit("A1").of("aspen-grove", "one").rent(1350).build())
            .unit(aUnit("F1").of("foothills", "one").rent(1300).build())
            .unit(aUnit("B1").of("boulder-flats", "one").rent(1250).build())
            .unit(aUnit("D1").of("desert-bloom", "one").rent(1100).build())
            .unit(aUnit("L1").of("lakeside", "one").rent(1200).build())
            .build());

    Map<String, Object> match(Map<String, Object> args) {
        Requests r = Requests.on(portfolio)
                .atCommunity("cedar-ridge")
                .with("bedrooms", 1L)
                .with("budget_max", 1400L);
        args.forEach(r::with);
        return new MatchingPortfolio().run(r.build());
    }

    static List<String> communities(Map<String, Object> result) {
        return ((List<Map<String, Object>>) result.get("units"))
                .stream().map(u -> (String) u.get("community")).toList();
    }

    @Test
    void finds_fitting_units_at_the_other_communities_of_the_same_portfolio_and_market() {
        Map<String, Object> result = match(Map.of("limit", 10L));

        assertThat(communities(result)).containsExactlyInAnyOrder("aspen-grove", "foothills", "boulder-flats");
        assertThat((Map<String, Object>) result.get("excluded")).containsEntry("other_market", 1L);
    }

    @Test
    void a_distance_limit_keeps_only_communities_within_reach_and_each_unit_says_how_far() {
        Map<String, Object> result = match(Map.of("max_miles", 15L, "limit", 10L));

        assertThat(communities(result)).containsExactlyInAnyOrder("aspen-grove", "foothills");
        assertThat((Map<String, Object>) result.get("excluded")).containsEntry("too_far", 1L);
        Map<String, Object> aspen = ((List<Map<String, Object>>) result.get("units"))
                .stream()
                        .filter(u -> u.get("community").equals("aspen-grove"))
                        .findFirst()
                        .orElseThrow();
        assertThat((double) aspen.get("distance_miles")).isBetween(4.0, 6.0);
    }

    @Test
    void any_market_widens_the_search_and_the_summary_lists_each_community_with_its_lowest_rent() {
        Map<String, Object> result = match(Map.of("market", "any", "limit", 10L));

        assertThat(communities(result)).contains("desert-bloom").doesNotContain("lakeside", "cedar-ridge");
        assertThat((List<Map<String, Object>>) result.get("communities"))
                .anySatisfy(c -> assertThat(c)
                        .containsEntry("community", "desert-bloom")
                        .containsEntry("from_rent_text", "$1,100"));
    }
}
