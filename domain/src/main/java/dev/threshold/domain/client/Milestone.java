package dev.threshold.domain.client;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A step of a client's implementation: {@code data-import}, {@code routing-setup}, {@code pms-connection},
 * {@code launch}, with its due date and when it was done.
 */
public record Milestone(String id, String name, LocalDate due, Optional<LocalDate> completedOn) {

    public boolean stalledOn(LocalDate today) {
        return completedOn.isEmpty() && today.isAfter(due);
    }
}
