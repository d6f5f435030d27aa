package dev.threshold.domain.importing.mits;

import dev.threshold.domain.importing.Findings;
import dev.threshold.domain.importing.XmlTree.Element;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** MITS dates: {@code <VacateDate Month="4" Day="1" Year="2027"/>}, or text as some feeds write them. */
final class MitsDates {
    private MitsDates() {}

    static Optional<LocalDate> read(Element e, String where, Findings findings) {
        if (e.attribute("Year").isPresent()
                || e.attribute("Month").isPresent()
                || e.attribute("Day").isPresent()) {
            try {
                return Optional.of(LocalDate.of(
                        Integer.parseInt(e.attribute("Year").orElse("")),
                        Integer.parseInt(e.attribute("Month").orElse("")),
                        Integer.parseInt(e.attribute("Day").orElse(""))));
            } catch (NumberFormatException | DateTimeException x) {
                findings.add(
                        e,
                        where,
                        "Month='" + e.attribute("Month").orElse("") + "' Day='"
                                + e.attribute("Day").orElse("") + "' Year='"
                                + e.attribute("Year").orElse("")
                                + "' is not a date");
                return Optional.empty();
            }
        }
        if (e.text().isEmpty()) {
            findings.add(e, where, "has no date: expected Month, Day and Year attributes or a date as text");
            return Optional.empty();
        }
        return findings.date(e.text(), e.line(), e.column(), where);
    }
}
