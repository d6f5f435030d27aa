package dev.threshold.domain.importing;

import dev.threshold.domain.importing.csv.CsvImport;
import dev.threshold.domain.importing.csv.CsvKind;
import dev.threshold.domain.importing.mits.GuestCardImport;
import dev.threshold.domain.importing.mits.MitsPropertyImport;
import dev.threshold.domain.property.PropertyRecords;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one entry point for imports: plans a file of a format against the current records. A MITS file is
 * a property feed ({@code <PhysicalProperty>}) or guest cards ({@code <LeadManagement>}), told apart by its
 * root; a CSV file's kind comes from its header unless given.
 */
public final class Imports {

    /** The file formats Threshold imports. */
    public enum Format {
        MITS,
        CSV;

        public static Optional<Format> parse(String text) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(text.strip())) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MitsPropertyImport properties = new MitsPropertyImport();
    private final GuestCardImport guestCards = new GuestCardImport();
    private final CsvImport csv = new CsvImport();

    public ImportPlan plan(
            String file, String text, Format format, Optional<CsvKind> kind, PropertyRecords current, Instant now)
            throws ImportFailed {
        return switch (format) {
            case CSV -> csv.plan(file, text, kind, current, now);
            case MITS -> {
                XmlTree.Element root = XmlTree.parse(file, text);
                yield switch (root.name()) {
                    case "PhysicalProperty" -> properties.plan(file, text, current, now);
                    case "LeadManagement" -> guestCards.plan(file, text, current, now);
                    default ->
                        throw new ImportFailed(List.of(new ImportProblem(
                                file,
                                root.line(),
                                root.column(),
                                root.name(),
                                "expected <PhysicalProperty> (a MITS property feed) or <LeadManagement>"
                                        + " (MITS guest cards) as the root element")));
                };
            }
        };
    }
}
