package dev.threshold.domain.contact;

import dev.threshold.domain.money.Money;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a person told us they look for, in the terms unit matching uses. Protected characteristics are
 * never preferences: accessibility features are here because the person asked for them.
 *
 * @param features nice-to-haves: {@code balcony}, {@code washer-dryer}, {@code garage}
 * @param accessibility features they need: {@code step-free}, {@code roll-in-shower}
 * @param floor a floor preference: {@code ground}, {@code upper} or {@code top}
 */
public record Preferences(
        Optional<Money> budgetMax,
        OptionalInt bedrooms,
        Optional<LocalDate> moveDate,
        Pets pets,
        int vehicles,
        Set<String> features,
        Set<String> accessibility,
        Optional<String> floor) {

    public Preferences {
        features = Set.copyOf(features);
        accessibility = Set.copyOf(accessibility);
    }

    public static Preferences none() {
        return new Preferences(
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                Pets.none(),
                0,
                Set.of(),
                Set.of(),
                Optional.empty());
    }

    /**
     * Reads preferences as journeys and scenarios write them ({@code budget_max}, {@code bedrooms},
     * {@code move_date}, {@code pets}, {@code vehicles}, {@code features}, {@code accessibility},
     * {@code floor}); throws {@link IllegalArgumentException} naming the field that is wrong.
     */
    public static Preferences fromFields(Map<String, ?> f) {
        try {
            return new Preferences(
                    Optional.ofNullable(f.containsKey("budget_max") ? f.get("budget_max") : f.get("budget"))
                            .map(v -> field(
                                    "budget_max",
                                    () -> v instanceof Number n ? Money.ofNumber(n) : Money.parse(v.toString()))),
                    f.get("bedrooms") == null
                            ? OptionalInt.empty()
                            : OptionalInt.of(field(
                                    "bedrooms",
                                    () -> Integer.parseInt(
                                            f.get("bedrooms").toString().replaceFirst("\\.0$", "")))),
                    Optional.ofNullable(f.get("move_date"))
                            .map(v -> field(
                                    "move_date",
                                    () -> LocalDate.parse(v.toString().substring(0, 10)))),
                    field("pets", () -> Pets.parse(f.get("pets"))),
                    f.get("vehicles") == null
                            ? 0
                            : field(
                                    "vehicles",
                                    () -> Integer.parseInt(
                                            f.get("vehicles").toString().replaceFirst("\\.0$", ""))),
                    words(f.get("features")),
                    words(f.get("accessibility")),
                    Optional.ofNullable(f.get("floor")).map(Object::toString));
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("move_date: not a date (YYYY-MM-DD)");
        }
    }

    private static <T> T field(String name, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> words(Object v) {
        if (v == null) {
            return Set.of();
        }
        java.util.Collection<?> items = v instanceof java.util.Collection<?> c
                ? c
                : List.of(v.toString().split(","));
        Set<String> out = new java.util.TreeSet<>();
        items.forEach(i -> {
            String w = i.toString().strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            if (!w.isEmpty()) {
                out.add(w);
            }
        });
        return out;
    }

    /** Later knowledge wins where it says something; what it leaves out is kept. */
    public Preferences updatedWith(Preferences newer) {
        return new Preferences(
                newer.budgetMax.or(() -> budgetMax),
                newer.bedrooms.isPresent() ? newer.bedrooms : bedrooms,
                newer.moveDate.or(() -> moveDate),
                newer.pets.any() || newer.pets.assistanceAnimals() > 0 ? newer.pets : pets,
                newer.vehicles > 0 ? newer.vehicles : vehicles,
                newer.features.isEmpty() ? features : newer.features,
                newer.accessibility.isEmpty() ? accessibility : newer.accessibility,
                newer.floor.or(() -> floor));
    }

    /** As {@code contact.preferences} in journeys: {@code budget_max}, {@code bedrooms}, {@code move_date}… */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        budgetMax.ifPresent(b -> f.put("budget_max", b.toNumber()));
        bedrooms.ifPresent(b -> f.put("bedrooms", (long) b));
        moveDate.ifPresent(d -> f.put("move_date", d.toString()));
        if (pets.any() || pets.assistanceAnimals() > 0) {
            f.put("pets", Map.copyOf(pets.counts()));
        }
        if (vehicles > 0) {
            f.put("vehicles", (long) vehicles);
        }
        if (!features.isEmpty()) {
            f.put("features", List.copyOf(new java.util.TreeSet<>(features)));
        }
        if (!accessibility.isEmpty()) {
            f.put("accessibility", List.copyOf(new java.util.TreeSet<>(accessibility)));
        }
        floor.ifPresent(v -> f.put("floor", v));
        return f;
    }
}
