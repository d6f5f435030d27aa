package dev.threshold.domain.payment;

import java.time.LocalDate;
import java.util.Optional;

/** A resident's automatic rent payment. */
public record Autopay(String contact, String lease, String method, LocalDate enrolledOn, Optional<LocalDate> endedOn) {

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(enrolledOn) && endedOn.map(e -> day.isBefore(e)).orElse(true);
    }
}
