package dev.threshold.domain.importing;

import dev.threshold.domain.property.ChangeSet;
import dev.threshold.domain.property.PropertyRepository;
import dev.threshold.engine.event.Event;
import java.util.List;
import java.util.Map;

/**
 * What importing one file would do, computed before anything is written: the records to write (only those
 * that are new or changed), what that amounts to by kind, the events the changes emit ({@code unit.available},
 * {@code lead.created}, {@code lease.signed}…) and notes for a person (possible duplicates).
 *
 * @param kind what the file was read as: {@code mits-properties}, {@code mits-guest-cards}, {@code csv-units}…
 */
public record ImportPlan(
        String file,
        String kind,
        ChangeSet changes,
        Map<String, Tally.Counts> counts,
        List<Event> events,
        List<String> notes) {

    public ImportPlan {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        events = List.copyOf(events);
        notes = List.copyOf(notes);
    }

    /** Writes the changes, all or none. The events are the caller's to hand to ingest. */
    public void applyTo(PropertyRepository repository) {
        if (!changes.isEmpty()) {
            repository.apply(changes);
        }
    }
}
