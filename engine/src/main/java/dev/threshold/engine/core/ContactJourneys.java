package dev.threshold.engine.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine keeps about one contact: the instances still running, and how often and when they
 * entered each journey (per key), for entry rules.
 */
public record ContactJourneys(String contact, List<InstanceState> instances, List<EntryRecord> entries) {

    /** How often a contact entered a journey for a key, and when last. */
    public record EntryRecord(String journey, String key, int count, Instant lastEnteredAt) {}

    public ContactJourneys {
        instances = List.copyOf(instances);
        entries = List.copyOf(entries);
    }

    public static ContactJourneys empty(String contact) {
        return new ContactJourneys(contact, List.of(), List.of());
    }

    public Optional<EntryRecord> entry(String journey, String key) {
        return entries.stream()
                .filter(e -> e.journey().equals(journey) && e.key().equals(key))
                .findFirst();
    }

    public Optional<InstanceState> instance(String id) {
        return instances.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
