package dev.threshold.domain.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a synthetic portfolio of any size, deterministically: the same seed, size and day give the same
 * communities, people, leases and history, on every machine. Communities are spread over twelve US markets
 * in five timezones and nine states (so notice laws and quiet hours differ); each has 120 to 360 units with
 * market rents, a pet and a renewal policy and add-ons; residents hold leases ending across the coming year;
 * prospects (three for every ten residents) are at every stage; work orders, feedback and move-outs follow
 * realistic distributions.
 *
 * <pre>{@code
 * SyntheticPortfolio p = PortfolioGenerator.generate(7, 100_000, LocalDate.of(2027, 3, 1));
 * PropertyRecords records = p.store();
 * p.timeline().forEach(ingest::accept);      // lease.signed, lead.created, workorder.created, ...
 * }</pre>
 */
public final class PortfolioGenerator {
    /** Prospects per resident. */
    private static final double PROSPECTS_PER_RESIDENT = 0.3;

    private PortfolioGenerator() {}

    /**
     * @param residents how many residents (people on current leases) the portfolio has, exactly
     * @param today the day the portfolio is seen from: leases end after it, history happened before it
     */
    public static SyntheticPortfolio generate(long seed, int residents, LocalDate today) {
        if (residents < 1) {
            throw new IllegalArgumentException("a portfolio needs at least one resident, not " + residents);
        }
        Batch out = new Batch();
        List<CommunityGenerator.Built> communities = new ArrayList<>();
        int housed = 0;
        for (int i = 0; housed < residents; i++) {
            CommunityGenerator.Built built = CommunityGenerator.build(seed, i, "synthetic", out);
            communities.add(built);
            int units = Draw.of(seed, "size", i).between(120, 360);
            housed += new ResidentsGenerator(seed, i, built, today, out).generate(units, residents - housed);
        }
        out.residents = housed;
        Map<String, List<CommunityGenerator.Built>> byMarket = new LinkedHashMap<>();
        communities.forEach(c -> byMarket.computeIfAbsent(c.market().id(), k -> new ArrayList<>())
                .add(c));
        int m = 0;
        for (List<CommunityGenerator.Built> market : byMarket.values()) {
            int prospects = (int) Math.round(residents * PROSPECTS_PER_RESIDENT * market.size() / communities.size());
            new ProspectsGenerator(seed, m++, market, today, out).generate(prospects);
        }
        return new SyntheticPortfolio(seed, today, out);
    }
}
