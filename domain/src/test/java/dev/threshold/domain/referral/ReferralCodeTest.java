package dev.threshold.domain.referral;

import static dev.threshold.domain.fixtures.People.aProspect;
import static dev.threshold.domain.fixtures.People.aResident;
import static dev.threshold.domain.fixtures.Places.aCommunity;
import static dev.threshold.domain.fixtures.Places.aFloorPlan;
import static dev.threshold.domain.fixtures.Places.aUnit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.domain.fixtures.People.ResidentBuilder;
import dev.threshold.domain.fixtures.Requests;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.InMemoryPropertyStore;
import dev.threshold.engine.core.ContactView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ReferralCodeTest {
    final ResidentBuilder sam = aResident().named("Sam", "Rivera");
    final ResidentBuilder lee = aProspect()
            .withId("P-9")
            .named("Lee", "Chen")
            .at("cedar-ridge", "104")
            .withLeaseEnding(LocalDate.of(2028, 4, 30));
    final InMemoryPropertyStore store = InMemoryPropertyStore.of(ChangeSet.builder()
            .community(aCommunity("cedar-ridge")
                    .withLink("referral", "https://cedar.example/refer")
                    .build())
            .floorPlan(aFloorPlan("cedar-ridge", "aspen", 1, 1450))
            .unit(aUnit("104").of("cedar-ridge", "aspen").build())
            .unit(aUnit("212").of("cedar-ridge", "aspen").build())
            .contact(sam.contact())
            .contact(lee.contact())
            .lease(sam.lease())
            .lease(lee.lease())
            .build());

    @Test
    void a_resident_always_gets_the_same_code_with_their_name_and_a_share_link() {
        Map<String, Object> result = new IssuingReferralCodes()
                .run(Requests.on(store)
                        .forContact(ContactView.minimal("R-1", "resident"))
                        .atCommunity("cedar-ridge")
                        .build());
        ReferralCode code = ReferralCode.of("R-1", "");

        assertThat(result.get("code")).isEqualTo(code.value());
        assertThat(result.get("share_url")).isEqualTo("https://cedar.example/refer?ref=" + code.value());
        assertThat(ReferralCode.of("R-1", "Sam").value()).matches("SAM-[0-9A-Z]{6}");
        assertThat(ReferralCode.of("R-1", "Sam")).isEqualTo(ReferralCode.of("R-1", "Sam"));
        assertThat(ReferralCode.of("R-2", "Sam")).isNotEqualTo(ReferralCode.of("R-1", "Sam"));
    }

    @Test
    void a_referred_lead_is_attributed_to_the_resident_and_so_is_the_lease_they_sign_within_the_window() {
        String code = ReferralCode.of("R-1", "Sam").value();
        Map<String, Object> result = new IssuingReferralCodes()
                .run(Requests.on(store)
                        .forContact(ContactView.minimal("P-9", "prospect"))
                        .with("code", code.toLowerCase())
                        .with("referred_on", "2027-04-01")
                        .at(Instant.parse("2027-05-01T16:00:00Z"))
                        .build());

        assertThat(result)
                .containsEntry("valid", true)
                .containsEntry("attributed", true)
                .containsEntry("referrer", "R-1")
                .containsEntry("referrer_name", "Sam Rivera");
        assertThat((Map<String, Object>) result.get("lease")).containsEntry("lease", "L-P-9");
    }

    @Test
    void a_mistyped_code_is_caught_by_its_check_character_and_said_so() {
        String code = ReferralCode.of("R-1", "Sam").value();
        int i = code.length() - 2;
        String typo = code.substring(0, i) + (code.charAt(i) == '7' ? '8' : '7') + code.substring(i + 1);

        Map<String, Object> result = new IssuingReferralCodes()
                .run(Requests.on(store)
                        .forContact(ContactView.minimal("P-9", "prospect"))
                        .with("code", typo)
                        .build());

        assertThat(result).containsEntry("valid", false).containsEntry("attributed", false);
        assertThat((String) result.get("reason")).contains("check character");
    }

    @Test
    void a_resident_cannot_refer_themselves() {
        Map<String, Object> result = new IssuingReferralCodes()
                .run(Requests.on(store)
                        .forContact(ContactView.minimal("R-1", "resident"))
                        .with("code", ReferralCode.of("R-1", "Sam").value())
                        .build());

        assertThat(result).containsEntry("valid", true).containsEntry("attributed", false);
    }
}
