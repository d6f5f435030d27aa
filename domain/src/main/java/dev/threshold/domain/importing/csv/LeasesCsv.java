package dev.threshold.domain.importing.csv;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.leasing.Lease;
import dev.threshold.domain.money.Money;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.event.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leases from a property-management system's export. Residents are named by their external ids (as in the
 * contacts file, separated by {@code ;}, the primary leaseholder first) and must already be contacts; the
 * unit must exist. A lease signed in the last days yields {@code lease.signed}; a stored lease whose end or
 * rent changed yields {@code lease.updated}, which re-plans the renewal journey's dates.
 */
final class LeasesCsv {
    private final String file;
    private final CsvFile csv;
    private final Cells cells;
    private final Findings findings;
    private final PropertyRecords current;
    private final Instant now;

    LeasesCsv(String file, CsvFile csv, Cells cells, Findings findings, PropertyRecords current, Instant now) {
        this.file = file;
        this.csv = csv;
        this.cells = cells;
        this.findings = findings;
        this.current = current;
        this.now = now;
    }

    ImportPlan plan() throws ImportFailed {
        List<Lease> leases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvFile.Row row : csv.rows()) {
            read(row).ifPresent(l -> {
                if (!seen.add(l.id())) {
                    cells.problem(row, "lease_id", "'" + l.id() + "' appears twice");
                }
                leases.add(l);
            });
        }
        findings.throwIfAny();
        Tally tally = new Tally();
        ChangeSet.Builder set = ChangeSet.builder();
        List<Event> events = new ArrayList<>();
        for (Lease l : leases) {
            Optional<Lease> before = current.lease(l.id());
            if (!tally.count("leases", before, l)) {
                continue;
            }
            set.lease(l);
            Community c = current.community(l.community()).orElseThrow();
            if (before.isEmpty()) {
                Instant signed = l.signedOn().atStartOfDay(c.timezone()).toInstant();
                if (CsvImport.recent(signed, now)) {
                    events.add(event("lease.signed", l, signed, signedData(l)));
                }
            } else if (!before.get().end().equals(l.end())
                    || !before.get().rent().equals(l.rent())) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("lease_id", l.id());
                data.put("end_date", l.end().toString());
                data.put("monthly_rent", l.rent().toNumber());
                data.put("change", !before.get().end().equals(l.end()) ? "end-date" : "rent");
                events.add(event("lease.updated", l, now, data));
            }
        }
        return new ImportPlan(file, "csv-" + CsvKind.LEASES.id(), set.build(), tally.counts(), events, List.of());
    }

    private static Map<String, Object> signedData(Lease l) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lease_id", l.id());
        data.put("start_date", l.start().toString());
        data.put("end_date", l.end().toString());
        data.put("move_in_date", l.start().toString());
        data.put("monthly_rent", l.rent().toNumber());
        data.put("term_months", (long) l.termMonths());
        data.put("unit", l.unit());
        data.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
        return data;
    }

    private static Event event(String type, Lease l, Instant at, Map<String, Object> data) {
        return new Event(
                type + ":" + l.id() + ":" + l.end() + ":" + l.rent().cents(),
                type,
                at,
                Optional.of(l.primary()),
                Optional.of(l.community()),
                Map.of("lease", l.id(), "unit", l.unit()),
                data,
                Optional.empty());
    }

    private Optional<Lease> read(CsvFile.Row row) {
        String id = cells.required(row, "lease_id");
        String community = cells.required(row, "community");
        String unit = cells.required(row, "unit");
        if (!community.isEmpty() && current.community(community).isEmpty()) {
            cells.problem(
                    row, "community", "'" + community + "' is not in the records; import its property feed first");
        } else if (!community.isEmpty()
                && !unit.isEmpty()
                && current.unit(community, unit).isEmpty()) {
            cells.problem(
                    row,
                    "unit",
                    "unit '" + unit + "' of " + community + " is not in the records; import the" + " units first");
        }
        String source = cells.text(row, "source").orElse("pms").toLowerCase(Locale.ROOT);
        List<String> residents = new ArrayList<>();
        for (String ext : Arrays.stream(cells.required(row, "residents").split("[;|]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList()) {
            Optional<Contact> c = current.contactByExternalId(source, ext);
            if (c.isEmpty()) {
                cells.problem(
                        row,
                        "residents",
                        "'" + ext + "' is not a contact from " + source + " yet; import the contacts file first");
            } else {
                residents.add(c.get().id());
            }
        }
        Optional<LocalDate> start = cells.date(row, "start");
        Optional<LocalDate> end = cells.date(row, "end");
        Optional<Money> rent = cells.money(row, "rent");
        for (String required : List.of("start", "end", "rent")) {
            if (!row.has(required)) {
                cells.problem(row, required, "is empty; a value is required");
            }
        }
        Optional<Lease.Kind> kind = cells.oneOf(
                row,
                "kind",
                k -> Arrays.stream(Lease.Kind.values())
                        .filter(x -> x.name().equalsIgnoreCase(k))
                        .findFirst(),
                "new, renewal, transfer");
        Optional<LocalDate> signed = cells.date(row, "signed_on");
        Optional<LocalDate> notice = cells.date(row, "notice_on");
        if (start.isEmpty() || end.isEmpty() || rent.isEmpty() || residents.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Lease(
                    id,
                    community,
                    unit,
                    residents,
                    start.get(),
                    end.get(),
                    rent.get(),
                    signed.orElse(start.get()),
                    kind.orElse(Lease.Kind.NEW),
                    notice));
        } catch (IllegalArgumentException e) {
            cells.problem(row, "", e.getMessage());
            return Optional.empty();
        }
    }
}
