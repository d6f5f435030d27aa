package dev.threshold.domain.generator;

import dev.threshold.domain.leasing.Application;
import dev.threshold.domain.leasing.GuestCard;
import dev.threshold.domain.leasing.Interest;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.leasing.Tour;
import dev.threshold.domain.maintenance.Feedback;
import dev.threshold.domain.maintenance.WorkOrder;
import dev.threshold.domain.moveout.MoveOut;
import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened in a synthetic portfolio, kept as a reference to its record and turned into an
 * engine {@link Event} only when the timeline is read, so a large portfolio's history stays compact.
 */
sealed interface Happening {

    Instant at();

    Event event();

    /** A lease was signed (new or renewal): what the renewal journey plans from. */
    record LeaseSigned(Instant at, Lease lease) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lease_id", lease.id());
            d.put("start_date", lease.start().toString());
            d.put("end_date", lease.end().toString());
            d.put("move_in_date", lease.start().toString());
            d.put("monthly_rent", lease.rent().toNumber());
            d.put("term_months", (long) lease.termMonths());
            d.put("unit", lease.unit());
            d.put("kind", lease.kind().name().toLowerCase(Locale.ROOT));
            return eventOf(
                    "lease.signed:" + lease.id(),
                    "lease.signed",
                    at,
                    lease.primary(),
                    lease.community(),
                    Map.of("lease", lease.id(), "unit", lease.unit()),
                    d);
        }
    }

    /** A resident gave notice. */
    record NoticeGiven(Instant at, Lease lease, String reason) implements Happening {
        @Override
        public Event event() {
            return eventOf(
                    "notice.given:" + lease.id(),
                    "notice.given",
                    at,
                    lease.primary(),
                    lease.community(),
                    Map.of("lease", lease.id(), "unit", lease.unit()),
                    Map.of(
                            "lease_id",
                            lease.id(),
                            "reason",
                            reason,
                            "move_out_date",
                            lease.end().toString(),
                            "monthly_rent",
                            lease.rent().toNumber()));
        }
    }

    /** A resident moved out. */
    record MovedOut(Instant at, MoveOut moveOut, int bedrooms, double rent) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reason", moveOut.reason().id());
            d.put("move_out_date", moveOut.on().toString());
            moveOut.market().ifPresent(m -> d.put("market", m));
            d.put("lease_id", moveOut.lease());
            d.put("bedrooms", (long) bedrooms);
            d.put("monthly_rent", rent);
            return eventOf(
                    "moveout.completed:" + moveOut.lease(),
                    "moveout.completed",
                    at,
                    moveOut.contact(),
                    moveOut.community(),
                    Map.of("lease", moveOut.lease(), "unit", moveOut.unit()),
                    d);
        }
    }

    /** A new lead. */
    record LeadCreated(Instant at, Interest interest, GuestCard card) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("source", card.source());
            card.ils().ifPresent(i -> d.put("ils", i));
            card.preferences().budgetMax().ifPresent(b -> d.put("budget_max", b.toNumber()));
            card.preferences().bedrooms().ifPresent(b -> d.put("bedrooms", (long) b));
            card.preferences().moveDate().ifPresent(m -> d.put("move_date", m.toString()));
            d.put("pets", card.preferences().pets().any());
            if (card.preferences().pets().any()) {
                d.put("pet_types", List.copyOf(card.preferences().pets().kinds()));
            }
            return eventOf(
                    "lead.created:" + card.id(),
                    "lead.created",
                    at,
                    interest.contact(),
                    interest.community(),
                    Map.of("guest_card", card.id()),
                    d);
        }
    }

    /** A tour was booked, and later what became of it. */
    record TourHappened(Instant at, Tour tour, String type) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("tour_id", tour.id());
            if (type.equals("tour.booked")) {
                d.put("starts_at", tour.startsAt().toString());
                d.put("kind", tour.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            return eventOf(
                    type + ":" + tour.id(), type, at, tour.contact(), tour.community(), Map.of("tour", tour.id()), d);
        }
    }

    /** An application was submitted. */
    record Applied(Instant at, Application application, String contact) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("application_id", application.id());
            application.unit().ifPresent(u -> d.put("unit", u));
            d.put("applicants", (long) application.parties().size());
            return eventOf(
                    "application.submitted:" + application.id(),
                    "application.submitted",
                    at,
                    contact,
                    application.community(),
                    Map.of("application", application.id()),
                    d);
        }
    }

    /** A work order was opened, or completed. */
    record WorkOrderHappened(Instant at, WorkOrder order, String type) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("work_order_id", order.id());
            d.put("category", order.category());
            d.put("promised_for", order.promisedFor().toString());
            if (type.equals("workorder.created")) {
                d.put("priority", order.priority().id());
            } else if (type.equals("workorder.completed")) {
                d.put(
                        "on_time",
                        order.completedAt()
                                .map(c -> !c.atZone(ZoneId.of("UTC"))
                                        .toLocalDate()
                                        .isAfter(order.promisedFor().plusDays(1)))
                                .orElse(true));
            }
            return eventOf(
                    type + ":" + order.id(),
                    type,
                    at,
                    order.contact(),
                    order.community(),
                    Map.of("work_order", order.id(), "unit", order.unit()),
                    d);
        }
    }

    /** A resident rated a repair. */
    record FeedbackGiven(Instant at, Feedback feedback) implements Happening {
        @Override
        public Event event() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("score", (long) feedback.score());
            d.put("topic", feedback.topic());
            feedback.workOrder().ifPresent(w -> d.put("work_order_id", w));
            d.put("sentiment", feedback.score() <= 6 ? "negative" : feedback.score() <= 8 ? "neutral" : "positive");
            Map<String, String> subject =
                    feedback.workOrder().map(w -> Map.of("work_order", w)).orElse(Map.of());
            return eventOf(
                    "feedback.submitted:" + feedback.id(),
                    "feedback.submitted",
                    at,
                    feedback.contact(),
                    feedback.community(),
                    subject,
                    d);
        }
    }

    private static Event eventOf(
            String id,
            String type,
            Instant at,
            String contact,
            String community,
            Map<String, String> subject,
            Map<String, Object> data) {
        return new Event(id, type, at, Optional.of(contact), Optional.of(community), subject, data, Optional.empty());
    }
}
