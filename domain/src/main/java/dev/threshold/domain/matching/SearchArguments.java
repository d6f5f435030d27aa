package dev.threshold.domain.matching;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.contact.Pets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads a {@link UnitSearch} from an action's arguments, falling back on the contact's preferences. */
final class SearchArguments {
    /** The arguments both matching actions take. */
    static final Set<String> PARAMETERS = Set.of(
            "community",
            "move_date",
            "move_flex_days",
            "budget_max",
            "budget_flex_percent",
            "bedrooms",
            "min_bedrooms",
            "pets",
            "accessibility",
            "features",
            "floor",
            "floor_plan",
            "horizon_days",
            "limit",
            Arguments.PREFERENCES);

    private SearchArguments() {}

    static UnitSearch read(Arguments a, ZoneId zone) {
        OptionalInt exact = a.integer("bedrooms", "bedrooms");
        OptionalInt atLeast =
                a.given("min_bedrooms").isPresent() ? a.integer("min_bedrooms", null) : OptionalInt.empty();
        Optional<Object> pets =
                a.given("pets").or(() -> a.nonEmpty("pet_types")).or(() -> a.value("pets", "pets"));
        Pets household;
        try {
            household = pets.map(Pets::parse).orElse(Pets.none());
        } catch (RuntimeException e) {
            throw a.problem("pets", pets.get(), "true/false, a count, a kind, a list of kinds or counts by kind");
        }
        Optional<String> floor = a.text("floor", "floor");
        if (floor.isPresent() && !List.of("ground", "upper", "top").contains(floor.get())) {
            throw a.problem("floor", floor.get(), "ground, upper or top");
        }
        int limit = a.integer("limit", 3);
        if (limit < 1 || limit > 50) {
            throw a.problem("limit", limit, "a number from 1 to 50");
        }
        int flex = nonNegative(a, "move_flex_days", 0);
        int budgetFlex = nonNegative(a, "budget_flex_percent", 0);
        int horizon = nonNegative(a, "horizon_days", 60);
        return new UnitSearch(
                a.date("move_date", "move_date", zone),
                flex,
                a.money("budget_max", "budget_max").or(() -> a.money("budget", "budget")),
                budgetFlex,
                atLeast.isPresent() ? atLeast : exact,
                atLeast.isPresent(),
                household,
                a.words("accessibility", "accessibility"),
                a.words("features", "features"),
                floor,
                a.text("floor_plan", "floor_plan"),
                horizon,
                limit);
    }

    private static int nonNegative(Arguments a, String name, int otherwise) {
        int v = a.integer(name, otherwise);
        if (v < 0) {
            throw a.problem(name, v, "zero or more");
        }
        return v;
    }

    /** What the search used, so a message can say "for 2 bedrooms under $1,600 by Apr 1". */
    static Map<String, Object> criteria(UnitSearch s, LocalDate today) {
        Map<String, Object> c = new LinkedHashMap<>();
        s.moveDate().ifPresent(d -> c.put("move_date", d.toString()));
        c.put("latest_ready", s.latestReady(today).toString());
        s.budgetMax().ifPresent(b -> {
            c.put("budget_max", b.toNumber());
            c.put("budget_text", b.text());
        });
        s.bedrooms().ifPresent(b -> c.put("bedrooms", (long) b));
        c.put("pets", s.pets().text());
        c.put("accessibility", List.copyOf(new java.util.TreeSet<>(s.accessibility())));
        c.put("features", List.copyOf(new java.util.TreeSet<>(s.features())));
        s.floor().ifPresent(f -> c.put("floor", f));
        return c;
    }
}
