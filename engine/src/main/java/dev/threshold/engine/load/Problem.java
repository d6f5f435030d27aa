package dev.threshold.engine.load;

/**
 * One thing wrong (or worth a second look) in a journey file: where, and what was found and expected.
 * Printed as {@code file:line:col: message}, the form editors and CI logs understand.
 */
public record Problem(String file, int line, int column, Severity severity, String message)
        implements Comparable<Problem> {

    /** Errors stop a journey from loading; warnings do not. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }

    @Override
    public int compareTo(Problem o) {
        int c = file.compareTo(o.file);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(line, o.line);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(column, o.column);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
