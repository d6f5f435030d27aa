package dev.threshold.domain.addon;

import dev.threshold.domain.money.Money;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An extra a community rents or sells to residents, and how many are left: a covered parking space, a
 * storage locker, a pet-care package, an internet plan, renter's insurance.
 *
 * @param remaining how many can still be had; empty for services without a limit
 * @param requires household signals it is for: {@code ev} (an electric car), {@code dog}, {@code cat}
 */
public record AddOn(
        String community,
        String id,
        AddOnKind kind,
        String name,
        Money monthlyFee,
        Money oneTimeFee,
        OptionalInt remaining,
        Set<String> requires) {

    public AddOn {
        requires = Set.copyOf(requires);
        if (monthlyFee.isNegative() || oneTimeFee.isNegative()) {
            throw new IllegalArgumentException("add-on " + id + ": fees cannot be negative");
        }
        if (remaining.isPresent() && remaining.getAsInt() < 0) {
            throw new IllegalArgumentException("add-on " + id + ": remaining cannot be negative");
        }
    }

    public boolean inStock() {
        return remaining.isEmpty() || remaining.getAsInt() > 0;
    }
}
