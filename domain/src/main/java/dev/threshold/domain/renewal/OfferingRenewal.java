package dev.threshold.domain.renewal;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.community.Community;
import dev.threshold.domain.community.Unit;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.payment.Standing;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code renewal-offer}: prices the renewal of a lease by its community's policy (see {@link RenewalPricing})
 * and explains every number.
 *
 * <pre>{@code
 * - id: price
 *   action: { name: renewal-offer, as: offer }      # the contact's current lease; or with: { lease: "..." }
 * # results.offer = {lease, current_rent, market_rent, renewal_start, max_rent, notice_deadline, on_time,
 * #   good_standing, options: [{term_months, rent, rent_text, increase, increase_percent, notice_days,
 * #   rent_effective_on, explanation}], recommended: {...}, explanation: [...]}
 * }</pre>
 */
public final class OfferingRenewal implements DomainAction {
    public static final String NAME = "renewal-offer";

    private final RenewalPricing pricing = new RenewalPricing();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of("lease", "market_rent");
    }

    @Override
    public Map<String, Object> run(ActionRequest request) {
        Arguments args = new Arguments(NAME, request);
        RenewalRecords records = request.context()
                .extension(RenewalRecords.class)
                .orElseThrow(() -> new ActionException(
                        NAME + ": no renewal records are available; the runtime (or the scenario's data:) must provide"
                                + " property records"));
        Lease lease = lease(args, records);
        Community community = records.community(lease.community())
                .orElseThrow(() -> args.problem("lease " + lease.id() + " is at community '" + lease.community()
                        + "', which is not in the property records"));
        LocalDate today = request.now().atZone(community.timezone()).toLocalDate();
        RenewalPolicy policy = records.renewalPolicy(community.id())
                .orElseThrow(() -> args.problem("community '" + community.id() + "' has no renewal policy"));
        Money market = args.money("market_rent", null)
                .orElseGet(() -> records.unit(community.id(), lease.unit())
                        .map(Unit::marketRent)
                        .orElseThrow(() -> args.problem("unit " + lease.unit() + " of lease " + lease.id()
                                + " is not in the property records; pass market_rent")));
        Standing standing = policy.goodStanding()
                .map(g -> Standing.over(records.paymentsOf(lease.primary()), today, g.lookbackMonths(), g.graceDays()))
                .orElse(new Standing(today, today, 0, 0));
        RenewalPricing.Inputs inputs = new RenewalPricing.Inputs(
                lease,
                community.jurisdiction().map(OfferingRenewal::stateName).orElse("The jurisdiction"),
                NoticeRules.forJurisdiction(community.jurisdiction()),
                policy,
                market,
                standing,
                tenancyMonths(records.leasesOf(lease.primary()), lease, today),
                today);
        return pricing.price(inputs).fields();
    }

    private static Lease lease(Arguments args, RenewalRecords records) {
        Optional<String> id = args.given("lease").map(Object::toString);
        if (id.isPresent()) {
            return records.lease(id.get())
                    .orElseThrow(() -> args.problem("lease '" + id.get() + "' is not in the property records"));
        }
        String contact = args.request().contact().id();
        LocalDate today = args.request().now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<Lease> leases = records.leasesOf(contact);
        return leases.stream()
                .filter(l -> !l.end().isBefore(today.minusDays(1)))
                .max(Comparator.comparing(Lease::end))
                .orElseThrow(() -> args.problem("contact " + contact + " has no current lease; pass 'lease'"));
    }

    /** How long the resident has lived at the community without a break, for notice rules that care. */
    static int tenancyMonths(List<Lease> leases, Lease current, LocalDate today) {
        LocalDate since = current.start();
        List<Lease> here = leases.stream()
                .filter(l -> l.community().equals(current.community()))
                .sorted(Comparator.comparing(Lease::start).reversed())
                .toList();
        for (Lease l : here) {
            if (!l.end().plusDays(1).isBefore(since) && l.start().isBefore(since)) {
                since = l.start();
            }
        }
        return (int) Math.max(0, ChronoUnit.MONTHS.between(since, today));
    }

    private static String stateName(String code) {
        return switch (code) {
            case "CA" -> "California";
            case "OR" -> "Oregon";
            case "CO" -> "Colorado";
            case "NY" -> "New York";
            default -> code;
        };
    }
}
