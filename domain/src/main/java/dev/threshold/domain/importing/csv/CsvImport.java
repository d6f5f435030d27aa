package dev.threshold.domain.importing.csv;

import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.property.PropertyRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Imports a CSV file of contacts, units, leases or work orders: the header is checked first (every required
 * column present, no unknown one), then every row, and only a file without a single problem is planned, so
 * nothing is ever half-written. The kind is taken from the header unless given.
 *
 * <p>History is not news: a row becomes an event ({@code lease.signed}, {@code workorder.created}…) only when
 * what it records happened within {@link #RECENT} of the import, so loading years of leases does not start a
 * journey for each of them. Changes to what is stored ({@code lease.updated}, {@code unit.available},
 * {@code workorder.completed}) are always news.
 */
public final class CsvImport {
    /** How recent a recorded happening must be to be emitted as an event. */
    public static final Duration RECENT = Duration.ofDays(7);

    public ImportPlan plan(String file, String text, Optional<CsvKind> kind, PropertyRecords current, Instant now)
            throws ImportFailed {
        Findings findings = new Findings(file);
        CsvFile csv = CsvFile.parse(text, findings);
        findings.throwIfAny();
        Optional<CsvKind> k = kind.or(() -> CsvKind.detect(csv.header()));
        if (k.isEmpty()) {
            findings.add(
                    1,
                    1,
                    "header",
                    "cannot tell what this file holds: a contacts file has external_id, a units"
                            + " file unit and floor_plan, a leases file lease_id, a work-orders file work_order_id");
            findings.throwIfAny();
        }
        for (String problem : k.get().headerProblems(csv.header())) {
            findings.add(1, 1, "header", problem);
        }
        findings.throwIfAny();
        Cells cells = new Cells(csv, findings);
        return switch (k.get()) {
            case CONTACTS -> new ContactsCsv(file, csv, cells, findings, current).plan();
            case UNITS -> new UnitsCsv(file, csv, cells, findings, current, now).plan();
            case LEASES -> new LeasesCsv(file, csv, cells, findings, current, now).plan();
            case WORK_ORDERS -> new WorkOrdersCsv(file, csv, cells, findings, current, now).plan();
        };
    }

    static boolean recent(Instant happened, Instant now) {
        return !happened.isBefore(now.minus(RECENT)) && !happened.isAfter(now.plus(RECENT));
    }
}
