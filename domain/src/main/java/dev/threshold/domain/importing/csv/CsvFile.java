package dev.threshold.domain.importing.csv;

import dev.threshold.domain.importing.Findings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file as RFC 4180 writes it (commas, double-quoted fields with {@code ""} for a quote, line breaks
 * inside quotes, CRLF or LF, an optional byte-order mark), with the line each row starts on. Header names
 * are read in lower case with spaces as underscores, so {@code "First Name"} is {@code first_name}.
 */
final class CsvFile {
    /** A data row: the line it starts on and its cells by column name. */
    record Row(int line, Map<String, String> cells) {
        String get(String column) {
            return cells.getOrDefault(column, "").strip();
        }

        boolean has(String column) {
            return !get(column).isEmpty();
        }
    }

    private final List<String> header;
    private final List<Row> rows;

    private CsvFile(List<String> header, List<Row> rows) {
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** The column number (from 1) of a column, for problems. */
    int column(String name) {
        return header.indexOf(name) + 1;
    }

    static CsvFile parse(String text, Findings findings) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellWasQuoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank() && !cellWasQuoted) {
                quoted = true;
                cellWasQuoted = true;
                cell.setLength(0);
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                cellWasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                if (!(record.size() == 1 && record.get(0).isBlank())) {
                    records.add(record);
                    lines.add(recordLine);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                cellWasQuoted = false;
                line++;
                recordLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            findings.add(recordLine, 0, "", "a quoted field is not closed before the end of the file");
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
            lines.add(recordLine);
        }
        if (records.isEmpty()) {
            findings.add(1, 1, "", "the file is empty; expected a header line");
            return new CsvFile(List.of(), List.of());
        }
        List<String> header = records.get(0).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_"))
                .toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                findings.add(
                        lines.get(r), 0, "", "has " + cells.size() + " fields but the header has " + header.size());
                continue;
            }
            Map<String, String> byName = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                byName.put(header.get(c), cells.get(c));
            }
            rows.add(new Row(lines.get(r), byName));
        }
        return new CsvFile(header, rows);
    }
}
