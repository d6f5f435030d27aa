package dev.threshold.domain.addon;

import dev.threshold.domain.action.Arguments;
import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.money.Money;
import dev.threshold.engine.action.ActionException;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.core.CommunityView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code addon-fit}: the parking, storage, pet, utility and renter-services add-ons of the person's community
 * that fit their household and exist in inventory. The household comes from the arguments, else from the
 * contact's preferences and attributes ({@code vehicles}, {@code electric_vehicle}, {@code pets},
 * {@code storage}, {@code renters_insurance}).
 *
 * <pre>{@code
 * - id: extras
 *   action: { name: addon-fit, with: { vehicles: "event.vehicles" }, as: extras }
 * # results.extras = {count, offers: [{addon, kind, name, monthly_fee, monthly_fee_text, one_time_fee,
 * #   one_time_fee_text, remaining, reason}], best: {...}, monthly_total}
 * }</pre>
 */
public final class FittingAddOns implements DomainAction {
    public static final String NAME = "addon-fit";

    private final AddOnFit fit = new AddOnFit();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> parameters() {
        return Set.of(
                "community",
                "vehicles",
                "electric_vehicle",
                "pets",
                "storage",
                "renters_insurance",
                "kinds",
                "limit",
                Arguments.PREFERENCES);
    }

    @Override
    public Map<String, Object> run(ActionRequest request) {
        Arguments args = new Arguments(NAME, request);
        AddOnInventory inventory = request.context()
                .extension(AddOnInventory.class)
                .orElseThrow(() -> new ActionException(NAME
                        + ": no add-on inventory is available; the runtime (or the scenario's data:) must provide"
                        + " property records"));
        String community = args.given("community")
                .map(Object::toString)
                .or(() -> request.community().map(CommunityView::id))
                .or(() -> request.contact().community())
                .orElseThrow(() -> args.problem("no community: pass 'community'"));
        int limit = args.integer("limit", 5);
        if (limit < 1) {
            throw args.problem("limit", limit, "1 or more");
        }
        LocalDate today = request.now()
                .atZone(request.community().map(CommunityView::timezone).orElse(java.time.ZoneOffset.UTC))
                .toLocalDate();
        Set<String> owned = new HashSet<>();
        inventory.purchasesOf(request.contact().id()).stream()
                .filter(p -> p.activeOn(today))
                .forEach(p -> owned.add(p.addOn()));
        List<AddOnFit.Fit> fits = fit.fit(inventory.addOns(community), owned, household(args), kinds(args));
        List<Map<String, Object>> offers = new ArrayList<>();
        Money total = Money.ZERO;
        for (AddOnFit.Fit f : fits.stream().limit(limit).toList()) {
            offers.add(fields(f));
            total = total.plus(f.addOn().monthlyFee());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("community", community);
        result.put("count", (long) offers.size());
        result.put("offers", offers);
        if (!offers.isEmpty()) {
            result.put("best", offers.get(0));
        }
        result.put("monthly_total", total.toNumber());
        result.put("monthly_total_text", total.text());
        return result;
    }

    private static Household household(Arguments a) {
        Optional<Object> pets =
                a.given("pets").or(() -> a.nonEmpty("pet_types")).or(() -> a.value("pets", "pets"));
        Pets p;
        try {
            p = pets.map(Pets::parse).orElse(Pets.none());
        } catch (RuntimeException e) {
            throw a.problem("pets", pets.get(), "true/false, a count, a kind, a list of kinds or counts by kind");
        }
        int vehicles = a.integer("vehicles", "vehicles").orElse(truthy(a.value("car", "car")) ? 1 : 0);
        return new Household(
                vehicles,
                truthy(a.value("electric_vehicle", "electric_vehicle")),
                p,
                truthy(a.value("storage", "storage")),
                truthy(a.value("renters_insurance", "renters_insurance")));
    }

    private static boolean truthy(Optional<Object> v) {
        return v.map(o -> o instanceof Boolean b
                        ? b
                        : o instanceof Number n
                                ? n.doubleValue() > 0
                                : o.toString().equalsIgnoreCase("true")
                                        || o.toString().equalsIgnoreCase("yes"))
                .orElse(false);
    }

    private static Set<AddOnKind> kinds(Arguments a) {
        Set<AddOnKind> out = EnumSet.noneOf(AddOnKind.class);
        for (String w : a.words("kinds", null)) {
            out.add(AddOnKind.parse(w)
                    .orElseThrow(() -> a.problem("kinds", w, "parking, storage, pet, utility or" + " renter-service")));
        }
        return out;
    }

    private static Map<String, Object> fields(AddOnFit.Fit f) {
        AddOn a = f.addOn();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addon", a.id());
        m.put("kind", a.kind().id());
        m.put("name", a.name());
        m.put("monthly_fee", a.monthlyFee().toNumber());
        m.put("monthly_fee_text", a.monthlyFee().text());
        m.put("one_time_fee", a.oneTimeFee().toNumber());
        m.put("one_time_fee_text", a.oneTimeFee().text());
        a.remaining().ifPresent(r -> m.put("remaining", (long) r));
        m.put("reason", f.reason());
        return m;
    }
}
