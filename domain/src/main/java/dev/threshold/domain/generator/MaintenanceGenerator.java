package dev.threshold.domain.generator;

import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.maintenance.Feedback;
import dev.threshold.domain.maintenance.WorkOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A household's recent maintenance: work orders of the last 120 days by category and priority, promises kept
 * or missed (15 % late), and the feedback a third of completed ones get, lower when the repair was late.
 */
final class MaintenanceGenerator {
    private static final List<String> CATEGORIES =
            List.of("plumbing", "appliance", "hvac", "electrical", "pest", "doors-locks", "general");
    private static final int[] CATEGORY_WEIGHTS = {22, 18, 15, 8, 5, 8, 24};

    private final Draw d;
    private final LocalDate today;
    private final ZoneId zone;
    private final String prefix;
    private final Batch out;
    private int orders;

    MaintenanceGenerator(Draw d, LocalDate today, ZoneId zone, String prefix, Batch out) {
        this.d = d;
        this.today = today;
        this.zone = zone;
        this.prefix = prefix;
        this.out = out;
    }

    void workOrders(Lease lease) {
        int count = d.weighted(55, 28, 11, 6);
        for (int i = 0; i < count; i++) {
            LocalDate opened = today.minusDays(d.between(0, 120));
            if (opened.isBefore(lease.start())) {
                continue;
            }
            WorkOrder.Priority priority = switch (d.weighted(5, 20, 75)) {
                case 0 -> WorkOrder.Priority.EMERGENCY;
                case 1 -> WorkOrder.Priority.URGENT;
                default -> WorkOrder.Priority.ROUTINE;
            };
            LocalDate promised = opened.plusDays(
                    switch (priority) {
                        case EMERGENCY -> 1;
                        case URGENT -> 2;
                        case ROUTINE -> 5;
                    });
            boolean late = d.chance(0.15);
            LocalDate finished = late
                    ? promised.plusDays(d.between(1, 10))
                    : opened.plusDays(d.between(0, (int) java.time.temporal.ChronoUnit.DAYS.between(opened, promised)));
            boolean done = !finished.isAfter(today) && d.chance(0.97);
            Instant created = at(opened, d.between(8, 20));
            WorkOrder wo = new WorkOrder(
                    "WO-" + prefix + "-" + (++orders),
                    lease.community(),
                    lease.unit(),
                    lease.residents().get(d.between(0, lease.residents().size() - 1)),
                    CATEGORIES.get(d.weighted(CATEGORY_WEIGHTS)),
                    priority,
                    done
                            ? WorkOrder.Status.COMPLETED
                            : d.chance(0.5) ? WorkOrder.Status.SCHEDULED : WorkOrder.Status.OPEN,
                    created,
                    promised,
                    done ? Optional.of(at(finished, d.between(9, 17))) : Optional.empty());
            out.records.workOrder(wo);
            out.happened(new Happening.WorkOrderHappened(created, wo, "workorder.created"));
            if (done) {
                out.happened(
                        new Happening.WorkOrderHappened(wo.completedAt().orElseThrow(), wo, "workorder.completed"));
                if (d.chance(0.35)) {
                    feedback(wo, late);
                }
            }
        }
    }

    private void feedback(WorkOrder wo, boolean late) {
        int score = late
                ? d.weighted(6, 3, 5, 6, 7, 9, 12, 14, 14, 12, 12)
                : d.weighted(1, 1, 1, 1, 2, 3, 5, 10, 17, 24, 35);
        Instant at = wo.completedAt().orElseThrow().plusSeconds(3600L * d.between(2, 48));
        Feedback f = new Feedback(
                "FB-" + wo.id(),
                wo.contact(),
                wo.community(),
                Optional.of(wo.id()),
                score,
                "maintenance",
                score <= 6
                        ? d.pick(List.of(
                                "Took too long.", "Still not fixed properly.", "Nobody told me when they would come."))
                        : score >= 9 ? "Quick and friendly, thank you!" : "",
                at);
        out.records.feedback(f);
        if (!at.isAfter(at(today, 23))) {
            out.happened(new Happening.FeedbackGiven(at, f));
        }
    }

    private Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(zone).toInstant();
    }
}
