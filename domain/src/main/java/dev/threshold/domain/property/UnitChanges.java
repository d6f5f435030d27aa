package dev.threshold.domain.property;

import dev.threshold.domain.community.Unit;
import dev.threshold.domain.community.UnitStatus;
import dev.threshold.domain.money.Money;
import dev.threshold.engine.event.Event;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an event about a unit changes in the property records, for records that follow a story (the
 * simulator's) the way the runtime's follow the property-management system.
 *
 * <ul>
 *   <li>{@code lease.signed} for a unit on the market takes it off: a vacant unit becomes
 *       {@code vacant-leased}, a unit on notice {@code notice-rented} (or {@code occupied} again when the
 *       lease is a renewal: the resident stays).
 *   <li>{@code unit.available} puts a unit on the market with the status, ready date and rent the event
 *       gives.
 * </ul>
 *
 * Other events, units the records do not know and units already in the state the event describes change
 * nothing.
 */
public final class UnitChanges {
    private UnitChanges() {}

    /** The change the event makes, if any. */
    public static Optional<ChangeSet> of(Event event, PropertyRecords records) {
        Optional<Unit> unit = event.community().flatMap(c -> unitId(event).flatMap(id -> records.unit(c, id)));
        if (unit.isEmpty()) {
            return Optional.empty();
        }
        Optional<Unit> after = switch (event.type()) {
            case "lease.signed" ->
                leased(unit.get(), "renewal".equals(event.data().get("kind")));
            case "unit.available" -> available(unit.get(), event);
            default -> Optional.empty();
        };
        return after.filter(u -> !u.equals(unit.get()))
                .map(u -> ChangeSet.builder().unit(u).build());
    }

    private static Optional<String> unitId(Event event) {
        return Optional.ofNullable(event.data().get("unit"))
                .map(Object::toString)
                .or(() -> Optional.ofNullable(event.subject().get("unit")));
    }

    private static Optional<Unit> leased(Unit unit, boolean renewal) {
        return switch (unit.status()) {
            case VACANT_READY, VACANT_NOT_READY ->
                Optional.of(unit.withStatus(UnitStatus.VACANT_LEASED, unit.availableOn()));
            case NOTICE_UNRENTED ->
                Optional.of(
                        renewal
                                ? unit.withStatus(UnitStatus.OCCUPIED, Optional.empty())
                                : unit.withStatus(UnitStatus.NOTICE_RENTED, unit.availableOn()));
            default -> Optional.empty();
        };
    }

    private static Optional<Unit> available(Unit unit, Event event) {
        UnitStatus status = Optional.ofNullable(event.data().get("status"))
                .flatMap(s -> UnitStatus.parse(s.toString()))
                .filter(UnitStatus::leasable)
                .orElse(UnitStatus.VACANT_READY);
        Optional<LocalDate> ready = Optional.ofNullable(event.data().get("available_on"))
                .flatMap(d -> date(d.toString()))
                .or(unit::availableOn);
        Unit after = unit.withStatus(status, ready);
        Object rent = event.data().get("market_rent");
        return Optional.of(rent instanceof Number n ? after.withMarketRent(Money.ofNumber(n)) : after);
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // ingest checks dates against the event's schema; a scenario may not
        }
    }
}
