package dev.threshold.domain.renewal;

import static dev.threshold.domain.fixtures.People.aResident;
import static dev.threshold.domain.fixtures.Places.aCommunity;
import static dev.threshold.domain.fixtures.Places.aFloorPlan;
import static dev.threshold.domain.fixtures.Places.aUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.fixtures.People.ResidentBuilder;
import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.core.ContactView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class OfferingRenewalTest {
    static final LocalDate JUNE_30 = LocalDate.of(2027, 6, 30);

    final OfferingRenewal renewalOffer = new OfferingRenewal();

    static InMemoryPropertyStore communityWith(String state, RenewalPolicy policy, long marketRent, ResidentBuilder r) {
        ChangeSet.Builder b = ChangeSet.builder()
                .community(aCommunity("cedar-ridge").inState(state).build())
                .renewalPolicy("cedar-ridge", policy)
                .floorPlan(aFloorPlan("cedar-ridge", "birch", 2, marketRent))
                .unit(aUnit("212")
                        .of("cedar-ridge", "birch")
                        .status(UnitStatus.OCCUPIED)
                        .rent(marketRent)
                        .build())
                .contact(r.contact())
                .lease(r.lease());
        r.payments().forEach(b::payment);
        return InMemoryPropertyStore.of(b.build());
    }

    Map<String, Object> offer(InMemoryPropertyStore store, LocalDate today) {
        Instant now = today.atTime(10, 0).atZone(ZoneId.of("America/Denver")).toInstant();
        return renewalOffer.run(Requests.on(store)
                .forContact(ContactView.minimal("R-1", "resident"))
                .atCommunity("cedar-ridge")
                .at(now)
                .build());
    }

    static Map<String, Object> term(Map<String, Object> offer, long months) {
        return ((List<Map<String, Object>>) offer.get("options"))
                .stream()
                        .filter(o -> o.get("term_months").equals(months))
                        .findFirst()
                        .orElseThrow();
    }

    @Test
    void moves_toward_market_rent_but_never_past_the_cap_and_explains_each_price() {
        ResidentBuilder sam = aResident()
                .inTimezone("America/Denver")
                .withLeaseEnding(JUNE_30)
                .payingRent(1500);
        InMemoryPropertyStore store = communityWith("CO", RenewalPolicy.standard(), 1650, sam);

        Map<String, Object> offer = offer(store, LocalDate.of(2027, 3, 1));

        assertThat(offer.get("max_rent")).isEqualTo(1575.0);
        assertThat(term(offer, 12)).containsEntry("rent", 1555.0).containsEntry("rent_effective_on", "2027-07-01");
        assertThat(term(offer, 6)).containsEntry("rent", 1555.0);
        assertThat(term(offer, 15)).containsEntry("rent", 1540.0);
        assertThat((List<String>) term(offer, 6).get("explanation"))
                .containsExactly(
                        "6 months: $1,575 plus $75 for this term = $1,650.",
                        "Capped at $1,575.",
                        "Less the $20 good-standing concession: $1,555.");
        assertThat((List<String>) offer.get("explanation"))
                .contains(
                        "The current rent is $1,500; market rent for unit 212 is $1,650.",
                        "The policy caps an increase at 5% ($75) and $150, whichever is lowest: at most $75, so $1,575.",
                        "In good standing (0 late payments in the last 12 months): $20 off each month.");
        assertThat(offer.get("notice_law")).isEqualTo("Colorado Revised Statutes § 38-12-701");
        assertThat(offer.get("notice_deadline")).isEqualTo("2027-05-02");
        assertThat(offer.get("on_time")).isEqualTo(true);
    }

    @Test
    void a_late_payer_gets_no_good_standing_concession() {
        ResidentBuilder sam =
                aResident().withLeaseEnding(JUNE_30).payingRent(1500).paidLate(LocalDate.of(2027, 1, 1));
        InMemoryPropertyStore store = communityWith("CO", RenewalPolicy.standard(), 1650, sam);

        Map<String, Object> offer = offer(store, LocalDate.of(2027, 3, 1));

        assertThat(offer.get("good_standing")).isEqualTo(false);
        assertThat(term(offer, 12)).containsEntry("rent", 1575.0);
    }

    @Test
    void an_offer_made_too_late_for_the_notice_period_defers_the_increase_instead_of_breaking_the_law() {
        ResidentBuilder sam = aResident().withLeaseEnding(JUNE_30).payingRent(1500);
        InMemoryPropertyStore store = communityWith("CO", RenewalPolicy.standard(), 1650, sam);

        Map<String, Object> offer = offer(store, LocalDate.of(2027, 6, 10));

        assertThat(term(offer, 12))
                .containsEntry("rent_effective_on", "2027-08-09")
                .containsEntry("notice_days", 60L);
        assertThat(offer.get("on_time")).isEqualTo(false);
        assertThat((List<String>) term(offer, 12).get("explanation"))
                .contains("The increase needs 60 days of notice: the new rent starts Aug 9; the current rent continues"
                        + " until then.");
    }

    @Test
    void california_needs_ninety_days_for_an_increase_over_ten_percent_and_thirty_below() {
        RenewalPolicy generous = new RenewalPolicy(
                BigDecimal.valueOf(12),
                Optional.empty(),
                Optional.empty(),
                12,
                List.of(TermOption.of(12)),
                Optional.empty(),
                0,
                Money.dollars(1),
                false);
        ResidentBuilder sam = aResident().withLeaseEnding(JUNE_30).payingRent(1000);

        Map<String, Object> big = offer(communityWith("CA", generous, 1200, sam), LocalDate.of(2027, 5, 1));
        Map<String, Object> small = offer(communityWith("CA", generous, 1080, sam), LocalDate.of(2027, 5, 1));

        assertThat(term(big, 12))
                .containsEntry("rent", 1120.0)
                .containsEntry("notice_days", 90L)
                .containsEntry("rent_effective_on", "2027-07-30");
        assertThat(term(small, 12))
                .containsEntry("rent", 1080.0)
                .containsEntry("notice_days", 30L)
                .containsEntry("rent_effective_on", "2027-07-01");
    }

    @Test
    void new_york_counts_notice_by_how_long_the_resident_has_lived_there() {
        RenewalPolicy policy = new RenewalPolicy(
                BigDecimal.valueOf(8),
                Optional.empty(),
                Optional.empty(),
                12,
                List.of(TermOption.of(12)),
                Optional.empty(),
                30,
                Money.dollars(1),
                false);
        ResidentBuilder threeYears =
                aResident().withLeaseEnding(JUNE_30).forMonths(36).payingRent(2000);
        ResidentBuilder oneYear =
                aResident().withLeaseEnding(JUNE_30).forMonths(12).payingRent(2000);

        Map<String, Object> longTenancy =
                offer(communityWith("NY", policy, 2400, threeYears), LocalDate.of(2027, 3, 1));
        Map<String, Object> shortTenancy = offer(communityWith("NY", policy, 2400, oneYear), LocalDate.of(2027, 3, 1));

        assertThat(term(longTenancy, 12)).containsEntry("notice_days", 90L);
        assertThat(term(shortTenancy, 12)).containsEntry("notice_days", 30L);
    }

    @Test
    void a_rent_above_market_is_held_and_needs_no_notice() {
        ResidentBuilder sam = aResident().withLeaseEnding(JUNE_30).payingRent(1700);

        Map<String, Object> offer =
                offer(communityWith("CO", RenewalPolicy.standard(), 1600, sam), LocalDate.of(2027, 6, 20));

        assertThat(term(offer, 12))
                .containsEntry("increase", -20.0)
                .containsEntry("notice_days", 0L)
                .containsEntry("rent_effective_on", "2027-07-01");
    }

    @Test
    void a_resident_without_a_lease_or_a_community_without_a_policy_is_a_clear_error() {
        InMemoryPropertyStore store = communityWith("CO", RenewalPolicy.standard(), 1600, aResident());

        assertThatThrownBy(() -> renewalOffer.run(Requests.on(store)
                        .forContact(ContactView.minimal("R-404", "resident"))
                        .build()))
                .isInstanceOf(ActionException.class)
                .hasMessage("renewal-offer: contact R-404 has no current lease; pass 'lease'");
        InMemoryPropertyStore noPolicy = InMemoryPropertyStore.of(ChangeSet.builder()
                .community(aCommunity("cedar-ridge").build())
                .floorPlan(aFloorPlan("cedar-ridge", "birch", 2, 1600))
                .unit(aUnit("212").of("cedar-ridge", "birch").build())
                .contact(aResident().contact())
                .lease(aResident().lease())
                .build());
        assertThatThrownBy(() -> renewalOffer.run(
                        Requests.on(noPolicy).with("lease", "L-R-1").build()))
                .isInstanceOf(ActionException.class)
                .hasMessage("renewal-offer: community 'cedar-ridge' has no renewal policy");
    }
}
