package dev.threshold.domain.importing.csv;

import dev.threshold.domain.community.Community;
import dev.threshold.domain.contact.Consent;
import dev.threshold.domain.contact.Contact;
import dev.threshold.domain.contact.ContactPoint;
import dev.threshold.domain.contact.Preferences;
import dev.threshold.domain.contact.Role;
import dev.threshold.domain.contact.RoleSpan;
import dev.threshold.domain.importing.ContactIds;
import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.ImportFailed;
import dev.threshold.domain.importing.ImportPlan;
import dev.threshold.domain.importing.People;
import dev.threshold.domain.importing.Tally;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRecords;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Contacts from a property-management system's export: one row per person and role. The person is matched
 * by the identity rules (the same external id from the same source first), so re-importing updates and a
 * person already known from a guest card gains their PMS id instead of a twin. Consent columns record what
 * the person agreed to, with {@code consent_source} as its proof. Master data emits no events.
 */
final class ContactsCsv {
    private final String file;
    private final CsvFile csv;
    private final Cells cells;
    private final Findings findings;
    private final PropertyRecords current;

    ContactsCsv(String file, CsvFile csv, Cells cells, Findings findings, PropertyRecords current) {
        this.file = file;
        this.csv = csv;
        this.cells = cells;
        this.findings = findings;
        this.current = current;
    }

    ImportPlan plan() throws ImportFailed {
        List<Contact> candidates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvFile.Row row : csv.rows()) {
            read(row).ifPresent(c -> {
                String key = c.externalIds().toString();
                if (!seen.add(key + c.roles())) {
                    cells.problem(row, "external_id", "'" + row.get("external_id") + "' with this role appears twice");
                }
                candidates.add(c);
            });
        }
        findings.throwIfAny();
        People people = new People(current);
        candidates.forEach(c -> people.resolve(c, "row for " + c.externalIds().values()));
        Tally tally = new Tally();
        ChangeSet.Builder set = ChangeSet.builder();
        for (Contact c : people.contacts().values()) {
            if (tally.count("contacts", current.contact(c.id()), c)) {
                set.contact(c);
            }
        }
        return new ImportPlan(
                file, "csv-" + CsvKind.CONTACTS.id(), set.build(), tally.counts(), List.of(), people.notes());
    }

    private Optional<Contact> read(CsvFile.Row row) {
        String externalId = cells.required(row, "external_id");
        String source = cells.text(row, "source").orElse("pms").toLowerCase(Locale.ROOT);
        String first = cells.required(row, "first_name");
        String last = row.get("last_name");
        Optional<Role> role = cells.oneOf(
                row,
                "role",
                Role::parse,
                "prospect, applicant, resident, former-resident, hoa-member, owner, business-client");
        if (!row.has("role")) {
            cells.problem(row, "role", "is empty; a value is required");
        }
        Optional<Community> community = cells.text(row, "community").flatMap(id -> {
            Optional<Community> c = current.community(id);
            if (c.isEmpty()) {
                cells.problem(row, "community", "'" + id + "' is not in the records; import its property feed first");
            }
            return c;
        });
        Optional<ZoneId> zone = cells.text(row, "timezone").flatMap(tz -> {
            try {
                return Optional.of(ZoneId.of(tz));
            } catch (DateTimeException e) {
                cells.problem(row, "timezone", "'" + tz + "' is not a timezone such as America/Denver");
                return Optional.empty();
            }
        });
        List<ContactPoint> points = new ArrayList<>();
        cells.text(row, "email")
                .ifPresent(e -> point(
                                row,
                                "email",
                                () -> ContactPoint.email(
                                        e, cells.flag(row, "email_verified").orElse(false)))
                        .ifPresent(points::add));
        cells.text(row, "phone")
                .ifPresent(p -> point(
                                row,
                                "phone",
                                () -> ContactPoint.phone(
                                        p, cells.flag(row, "phone_verified").orElse(false)))
                        .ifPresent(points::add));
        LocalDate since = cells.date(row, "since").orElse(LocalDate.EPOCH);
        List<Consent> consents = new ArrayList<>();
        String proof = cells.text(row, "consent_source").orElse("csv:" + file);
        java.time.Instant at = since.atStartOfDay(
                        zone.or(() -> community.map(Community::timezone)).orElse(ZoneOffset.UTC))
                .toInstant();
        consents(row, "email_consent", Channel.EMAIL, proof, at, consents);
        consents(row, "sms_consent", Channel.SMS, proof, at, consents);
        if (!consents.isEmpty() && !row.has("consent_source")) {
            cells.problem(row, "consent_source", "is required when consent is given: where the person agreed");
        }
        if (externalId.isEmpty() || first.isEmpty() || role.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Contact(
                ContactIds.of(source, externalId),
                first,
                last,
                List.of(new RoleSpan(role.get(), community.map(Community::id), since, Optional.empty())),
                points,
                consents,
                zone,
                cells.text(row, "language").orElse("en"),
                community.map(Community::id),
                Preferences.none(),
                Map.of(source, externalId)));
    }

    private Optional<ContactPoint> point(CsvFile.Row row, String column, java.util.function.Supplier<ContactPoint> p) {
        try {
            return Optional.of(p.get());
        } catch (IllegalArgumentException e) {
            cells.problem(row, column, e.getMessage());
            return Optional.empty();
        }
    }

    private void consents(
            CsvFile.Row row, String column, Channel channel, String proof, java.time.Instant at, List<Consent> out) {
        for (String w : cells.words(row, column)) {
            switch (w) {
                case "transactional" -> out.add(new Consent(channel, Purpose.TRANSACTIONAL, true, proof, at));
                case "marketing" -> out.add(new Consent(channel, Purpose.MARKETING, true, proof, at));
                case "none" -> {}
                default -> cells.problem(row, column, "'" + w + "' is not transactional, marketing or none");
            }
        }
    }
}
