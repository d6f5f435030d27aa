package dev.threshold.domain.addon;

import java.time.LocalDate;
import java.util.Optional;

/** An add-on a resident has, from a day (until a day, when they gave it up). */
public record AddOnPurchase(
        String contact, String community, String addOn, LocalDate since, Optional<LocalDate> until) {

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(since) && until.map(u -> !day.isAfter(u)).orElse(true);
    }
}
