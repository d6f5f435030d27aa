package dev.threshold.domain.generator;

import dev.threshold.domain.property.ChangeSet;
import java.util.ArrayList;
import java.util.List;

/** What generating one part of a portfolio produced: records, and the happenings of its history. */
final class Batch {
    final ChangeSet.Builder records = ChangeSet.builder();
    final List<Happening> history = new ArrayList<>();
    int residents;
    int formerResidents;
    int prospects;

    void happened(Happening h) {
        history.add(h);
    }
}
