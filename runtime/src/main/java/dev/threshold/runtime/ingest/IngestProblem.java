package dev.threshold.runtime.ingest;

/**
 * What is wrong with an event and where: {@code field} is a path in the envelope ({@code occurred_at},
 * {@code contact.email}, {@code data.score}), {@code message} what was expected.
 */
public record IngestProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
