package dev.threshold.domain.offer;

import dev.threshold.domain.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Something we offered a person (a renewal, a transfer, parking, a move-in special) and what became of it.
 *
 * @param kind {@code renewal}, {@code transfer}, {@code addon}, {@code special}, {@code portfolio}
 * @param subject what it is about: a lease id, a unit id, an add-on id
 */
public record Offer(
        String id,
        String contact,
        String community,
        String kind,
        String subject,
        Money monthly,
        Instant madeAt,
        LocalDate expiresOn,
        Status status,
        Optional<Instant> decidedAt) {

    /** Where the offer stands. */
    public enum Status {
        OPEN,
        ACCEPTED,
        DECLINED,
        EXPIRED
    }
}
