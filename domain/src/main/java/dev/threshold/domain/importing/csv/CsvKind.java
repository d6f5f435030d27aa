package dev.threshold.domain.importing.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The kinds of CSV Threshold imports, each with its required and optional columns (docs/imports.md). */
public enum CsvKind {
    CONTACTS(
            List.of("external_id", "first_name", "last_name", "role"),
            List.of(
                    "source",
                    "community",
                    "since",
                    "email",
                    "email_verified",
                    "phone",
                    "phone_verified",
                    "email_consent",
                    "sms_consent",
                    "consent_source",
                    "timezone",
                    "language")),
    UNITS(
            List.of("community", "unit", "floor_plan", "status", "market_rent"),
            List.of(
                    "available_on",
                    "floor",
                    "bedrooms",
                    "bathrooms",
                    "sqft",
                    "view",
                    "amenities",
                    "accessibility",
                    "pets_allowed")),
    LEASES(
            List.of("lease_id", "community", "unit", "residents", "start", "end", "rent"),
            List.of("source", "signed_on", "kind", "notice_on")),
    WORK_ORDERS(
            List.of(
                    "work_order_id",
                    "community",
                    "unit",
                    "resident",
                    "category",
                    "priority",
                    "status",
                    "created_at",
                    "promised_for"),
            List.of("source", "completed_at"));

    private final List<String> required;
    private final List<String> optional;

    CsvKind(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public List<String> required() {
        return required;
    }

    public Set<String> columns() {
        Set<String> all = new TreeSet<>(required);
        all.addAll(optional);
        return all;
    }

    public static Optional<CsvKind> parse(String text) {
        for (CsvKind k : values()) {
            if (k.id().equals(text.strip().toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kind whose key column the header has: lease_id, work_order_id, then unit, then external_id. */
    public static Optional<CsvKind> detect(List<String> header) {
        if (header.contains("lease_id")) {
            return Optional.of(LEASES);
        }
        if (header.contains("work_order_id")) {
            return Optional.of(WORK_ORDERS);
        }
        if (header.contains("unit") && header.contains("floor_plan")) {
            return Optional.of(UNITS);
        }
        if (header.contains("external_id")) {
            return Optional.of(CONTACTS);
        }
        return Optional.empty();
    }

    /** What is wrong with a header for this kind: missing required columns and columns it does not know. */
    List<String> headerProblems(List<String> header) {
        List<String> out = new ArrayList<>();
        List<String> missing =
                required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            out.add("missing required column(s) " + String.join(", ", missing) + " for " + id() + "; required: "
                    + String.join(", ", required));
        }
        Set<String> seen = new TreeSet<>();
        for (String h : header) {
            if (!columns().contains(h)) {
                out.add("unknown column '" + h + "' for " + id() + "; known: " + String.join(", ", columns()));
            } else if (!seen.add(h)) {
                out.add("column '" + h + "' appears twice");
            }
        }
        return out;
    }
}
