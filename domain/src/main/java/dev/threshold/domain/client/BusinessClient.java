package dev.threshold.domain.client;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A business client: an owner whose properties the tenant manages, or a company adopting its services,
 * with its implementation milestones and its service tier.
 *
 * @param contact the person who speaks for the client
 */
public record BusinessClient(
        String id,
        String name,
        String contact,
        ClientTier tier,
        int properties,
        int units,
        LocalDate signedOn,
        Optional<LocalDate> launchedOn,
        List<Milestone> milestones) {

    public BusinessClient {
        milestones = List.copyOf(milestones);
    }

    /** The milestones past their due date and not done. */
    public List<Milestone> stalled(LocalDate today) {
        return milestones.stream().filter(m -> m.stalledOn(today)).toList();
    }

    /** The tier this client's size calls for, when it is above the one they have. */
    public Optional<ClientTier> upgradeDue() {
        return tier.outgrownBy(properties, units)
                ? Optional.of(ClientTier.fitting(properties, units))
                : Optional.empty();
    }
}
