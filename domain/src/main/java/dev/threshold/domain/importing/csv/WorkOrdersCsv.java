package dev.threshold.domain.importing.csv;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.maintenance.WorkOrder;
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
 * Work orders from a maintenance system's export. A work order opened in the last days yields {@code
 * workorder.created}; one that is completed now and was not before (or is new and completed recently) yields
 * {@code workorder.completed}. Overdue is not decided here: it depends on the time, and the runtime raises
 * {@code workorder.overdue} when a promise date passes.
 */
final class WorkOrdersCsv {
    private static final String CATEGORIES = "plumbing, appliance, hvac, electrical, pest, doors-locks, general";
    private static final Set<String> CATEGORY_SET =
            Set.of("plumbing", "appliance", "hvac", "electrical", "pest", "doors-locks", "general");

    private final String file;
    private final CsvFile csv;
    private final Cells cells;
    private final Findings findings;
    private final PropertyRecords current;
    private final Instant now;

    WorkOrdersCsv(String file, CsvFile csv, Cells cells, Findings findings, PropertyRecords current, Instant now) {
        this.file = file;
        this.csv = csv;
        this.cells = cells;
        this.findings = findings;
        this.current = current;
        this.now = now;
    }

    ImportPlan plan() throws ImportFailed {
        List<WorkOrder> orders = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvFile.Row row : csv.rows()) {
            read(row).ifPresent(w -> {
                if (!seen.add(w.id())) {
                    cells.problem(row, "work_order_id", "'" + w.id() + "' appears twice");
                }
                orders.add(w);
            });
        }
        findings.throwIfAny();
        Tally tally = new Tally();
        ChangeSet.Builder set = ChangeSet.builder();
        List<Event> events = new ArrayList<>();
        for (WorkOrder w : orders) {
            Optional<WorkOrder> before = current.workOrder(w.id());
            if (!tally.count("work orders", before, w)) {
                continue;
            }
            set.workOrder(w);
            if (before.isEmpty() && CsvImport.recent(w.createdAt(), now)) {
                events.add(event("workorder.created", w, w.createdAt()));
            }
            boolean completedNow = w.status() == WorkOrder.Status.COMPLETED
                    && before.map(b -> b.status() != WorkOrder.Status.COMPLETED).orElse(true);
            Instant done = w.completedAt().orElse(now);
            if (completedNow && (before.isPresent() || CsvImport.recent(done, now))) {
                events.add(event("workorder.completed", w, done));
            }
        }
        return new ImportPlan(file, "csv-" + CsvKind.WORK_ORDERS.id(), set.build(), tally.counts(), events, List.of());
    }

    private static Event event(String type, WorkOrder w, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("work_order_id", w.id());
        data.put("category", w.category());
        data.put("promised_for", w.promisedFor().toString());
        if (type.equals("workorder.created")) {
            data.put("priority", w.priority().id());
        } else {
            data.put(
                    "on_time",
                    !w.completedAt()
                            .orElse(at)
                            .isAfter(w.promisedFor()
                                    .plusDays(1)
                                    .atStartOfDay(java.time.ZoneOffset.UTC)
                                    .toInstant()));
        }
        return new Event(
                type + ":" + w.id(),
                type,
                at,
                Optional.of(w.contact()),
                Optional.of(w.community()),
                Map.of("work_order", w.id(), "unit", w.unit()),
                data,
                Optional.empty());
    }

    private Optional<WorkOrder> read(CsvFile.Row row) {
        String id = cells.required(row, "work_order_id");
        String communityId = cells.required(row, "community");
        String unit = cells.required(row, "unit");
        Optional<Community> community = communityId.isEmpty() ? Optional.empty() : current.community(communityId);
        if (!communityId.isEmpty() && community.isEmpty()) {
            cells.problem(row, "community", "'" + communityId + "' is not in the records");
        } else if (community.isPresent()
                && !unit.isEmpty()
                && current.unit(communityId, unit).isEmpty()) {
            cells.problem(row, "unit", "unit '" + unit + "' of " + communityId + " is not in the records");
        }
        String source = cells.text(row, "source").orElse("pms").toLowerCase(Locale.ROOT);
        String residentId = cells.required(row, "resident");
        Optional<Contact> resident =
                residentId.isEmpty() ? Optional.empty() : current.contactByExternalId(source, residentId);
        if (!residentId.isEmpty() && resident.isEmpty()) {
            cells.problem(
                    row,
                    "resident",
                    "'" + residentId + "' is not a contact from " + source + " yet; import the contacts file first");
        }
        String category = cells.required(row, "category").toLowerCase(Locale.ROOT);
        if (!category.isEmpty() && !CATEGORY_SET.contains(category)) {
            cells.problem(row, "category", "'" + category + "' is not one of " + CATEGORIES);
        }
        Optional<WorkOrder.Priority> priority = cells.oneOf(
                row,
                "priority",
                p -> Arrays.stream(WorkOrder.Priority.values())
                        .filter(x -> x.id().equalsIgnoreCase(p.strip()))
                        .findFirst(),
                "emergency, urgent, routine");
        Optional<WorkOrder.Status> status = cells.oneOf(
                row,
                "status",
                s -> Arrays.stream(WorkOrder.Status.values())
                        .filter(x -> x.id().equalsIgnoreCase(s.strip().replace('_', '-')))
                        .findFirst(),
                "open, scheduled, on-hold, completed, cancelled");
        java.time.ZoneId zone = community.map(Community::timezone).orElse(java.time.ZoneOffset.UTC);
        Optional<Instant> created = cells.moment(row, "created_at", zone);
        Optional<LocalDate> promised = cells.date(row, "promised_for");
        Optional<Instant> completed = cells.moment(row, "completed_at", zone);
        for (String required : List.of("priority", "status", "created_at", "promised_for")) {
            if (!row.has(required)) {
                cells.problem(row, required, "is empty; a value is required");
            }
        }
        if (status.isPresent()
                && status.get() == WorkOrder.Status.COMPLETED
                && completed.isEmpty()
                && !row.has("completed_at")) {
            cells.problem(row, "completed_at", "is required for a completed work order");
        }
        if (community.isEmpty()
                || resident.isEmpty()
                || priority.isEmpty()
                || status.isEmpty()
                || created.isEmpty()
                || promised.isEmpty()
                || id.isEmpty()
                || unit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WorkOrder(
                id,
                communityId,
                unit,
                resident.get().id(),
                category,
                priority.get(),
                status.get(),
                created.get(),
                promised.get(),
                completed));
    }
}
