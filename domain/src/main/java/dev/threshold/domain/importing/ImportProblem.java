package dev.threshold.domain.importing;

/**
 * One thing wrong with an import file, where it is and what was expected: {@code
 * cedar.xml:42:9: PhysicalProperty/Property[cedar-ridge]/ILS_Unit[104]/Units/Unit/UnitRent: 'call us' is not an
 * amount}.
 *
 * @param where the element path (XML) or the column (CSV)
 * @param column 0 when unknown
 */
public record ImportProblem(String file, int line, int column, String where, String message)
        implements Comparable<ImportProblem> {

    @Override
    public int compareTo(ImportProblem o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + (where.isEmpty() ? "" : where + ": ")
                + message;
    }
}
