package dev.threshold.domain.community;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.time.BusinessCalendar;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A community (a property): where it is, its office hours and holidays, and the policies that apply to
 * it. Its renewal policy is kept by the renewal feature ({@code RenewalRecords}); everything a prospect
 * sees is here.
 *
 * @param portfolio the portfolio it belongs to, for matching across communities
 * @param market the metropolitan market it competes in ({@code denver}, {@code phoenix})
 * @param calendar office hours and holidays in the community's timezone
 * @param links public links: {@code website}, {@code tour}, {@code apply}, {@code portal}, {@code referral}
 */
public record Community(
        String id,
        String name,
        String portfolio,
        String market,
        ZoneId timezone,
        Address address,
        Optional<GeoPoint> location,
        BusinessCalendar calendar,
        PetPolicy pets,
        String phone,
        String email,
        Map<String, String> links) {

    public Community {
        links = Map.copyOf(links);
        if (!calendar.zone().equals(timezone)) {
            throw new IllegalArgumentException(
                    "community " + id + ": its office hours are in " + calendar.zone() + " but it is in " + timezone);
        }
    }

    /** The two-letter state whose laws apply, when the address gives one. */
    public Optional<String> jurisdiction() {
        return address.jurisdiction();
    }

    /** This community as the engine sees it, for runtimes that build their context from these records. */
    public CommunityView view() {
        Map<String, Object> linkMap = new LinkedHashMap<>(links);
        return new CommunityView(
                id,
                name,
                Optional.of(portfolio),
                Optional.of(market),
                timezone,
                jurisdiction(),
                address.oneLine(),
                phone,
                email,
                linkMap,
                Map.of(),
                calendar,
                Optional.empty(),
                Map.of());
    }
}
