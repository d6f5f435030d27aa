package dev.threshold.domain.community;

import dev.threshold.domain.contact.Pets;
import dev.threshold.domain.money.Money;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A community's pet policy: which kinds it accepts, how many, the dog weight limit, and what pets cost.
 * Assistance animals are not pets and pass any policy (see {@link Pets}).
 *
 * @param allowed kinds accepted ({@code cat}, {@code dog}); {@code pet} accepts an animal of unstated kind
 *     only when the policy accepts some kind
 * @param monthlyRent pet rent per pet and month
 * @param fee a one-time, non-refundable pet fee per pet
 */
public record PetPolicy(
        Set<String> allowed, int maxPets, OptionalInt dogWeightLimitLbs, Money deposit, Money monthlyRent, Money fee) {

    public PetPolicy {
        allowed = Set.copyOf(allowed);
        if (maxPets < 0) {
            throw new IllegalArgumentException("a pet limit cannot be negative");
        }
    }

    /** No pets (assistance animals excepted). */
    public static PetPolicy noPets() {
        return new PetPolicy(Set.of(), 0, OptionalInt.empty(), Money.ZERO, Money.ZERO, Money.ZERO);
    }

    /** Cats and dogs, two at most, the most common policy in US multifamily. */
    public static PetPolicy catsAndDogs(Money monthlyRent) {
        return new PetPolicy(
                Set.of("cat", "dog"), 2, OptionalInt.of(75), Money.dollars(300), monthlyRent, Money.dollars(250));
    }

    public boolean allowsPets() {
        return !allowed.isEmpty() && maxPets > 0;
    }

    /** Why this household's pets are refused, or empty when the policy accepts them. */
    public Optional<String> refusal(Pets pets) {
        if (!pets.any()) {
            return Optional.empty();
        }
        if (!allowsPets()) {
            return Optional.of("no pets are allowed");
        }
        if (pets.count() > maxPets) {
            return Optional.of("at most " + maxPets + " pet" + (maxPets > 1 ? "s" : "") + " are allowed");
        }
        for (String kind : pets.kinds()) {
            if (!kind.equals("pet") && !allowed.contains(kind)) {
                return Optional.of(kind + "s are not allowed");
            }
        }
        return Optional.empty();
    }

    /** What the household's pets cost a month under this policy. */
    public Money monthlyFor(Pets pets) {
        return new Money(monthlyRent.cents() * pets.count());
    }

    /** How people read it: "cats and dogs welcome, up to 2; $35 a month per pet". */
    public String text() {
        if (!allowsPets()) {
            return "no pets";
        }
        String kinds =
                String.join(" and ", allowed.stream().sorted().map(k -> k + "s").toList());
        String cost = monthlyRent.isPositive() ? "; " + monthlyRent.text() + " a month per pet" : "";
        return kinds + " welcome, up to " + maxPets + cost;
    }
}
