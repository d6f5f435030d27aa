package dev.threshold.domain.addon;

import dev.threshold.domain.action.Wording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a community's add-ons fit a household: in stock, not already theirs, and called for by what the
 * household told us (a car for parking, a dog for a dog add-on, a wish for storage). Utilities and renter
 * services fit everyone who does not have them yet. Ranked: what a signal called for first, then by fee.
 */
public final class AddOnFit {

    /** An add-on that fits, and why. */
    public record Fit(AddOn addOn, String reason, boolean signalled) {}

    public List<Fit> fit(List<AddOn> offered, Set<String> owned, Household h, Set<AddOnKind> kinds) {
        List<Fit> out = new ArrayList<>();
        for (AddOn a : offered) {
            if (!a.inStock() || owned.contains(a.id()) || (!kinds.isEmpty() && !kinds.contains(a.kind()))) {
                continue;
            }
            reason(a, h).ifPresent(out::add);
        }
        out.sort(Comparator.comparing((Fit f) -> !f.signalled())
                .thenComparing(f -> f.addOn().kind())
                .thenComparing(f -> f.addOn().monthlyFee())
                .thenComparing(f -> f.addOn().id()));
        return out;
    }

    private static Optional<Fit> reason(AddOn a, Household h) {
        if (a.requires().contains("ev") && !h.electricVehicle()) {
            return Optional.empty();
        }
        return switch (a.kind()) {
            case PARKING ->
                h.vehicles() > 0
                        ? Optional.of(new Fit(
                                a,
                                "for your " + Wording.plural(h.vehicles(), "car", "cars")
                                        + (a.requires().contains("ev") ? ", with charging for your electric car" : ""),
                                true))
                        : Optional.empty();
            case PET -> {
                Set<String> needed = new java.util.HashSet<>(a.requires());
                needed.remove("ev");
                boolean fits = h.pets().any()
                        && (needed.isEmpty()
                                || needed.stream().anyMatch(h.pets().kinds()::contains));
                yield fits ? Optional.of(new Fit(a, "for your " + h.pets().text(), true)) : Optional.empty();
            }
            case STORAGE ->
                h.wantsStorage() ? Optional.of(new Fit(a, "you asked about extra storage", true)) : Optional.empty();
            case RENTER_SERVICE ->
                a.requires().contains("no-insurance") && h.hasRentersInsurance()
                        ? Optional.empty()
                        : Optional.of(new Fit(
                                a,
                                a.requires().contains("no-insurance")
                                        ? "no renter's insurance is on file for you"
                                        : "available to every resident",
                                a.requires().contains("no-insurance")));
            case UTILITY -> Optional.of(new Fit(a, "available to every resident", false));
        };
    }
}
