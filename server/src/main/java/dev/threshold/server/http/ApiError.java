package dev.threshold.server.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the API refuses, as the caller will read it: an HTTP status, a stable code, a message that says what
 * was wrong and what was expected, and the field (a JSON path, a query parameter or a header) it is about. Thrown
 * from handlers and turned into the body {@code {"error": {"code", "message", "field"}}} by {@link ErrorBodies}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem of a request; a request may have several (a 422 lists every one). */
    public record Problem(String code, String message, Optional<String> field) {
        public static Problem of(String field, String message) {
            return new Problem("invalid", message, Optional.of(field));
        }
    }

    private final int status;
    private final String code;
    private final Optional<String> field;
    private final transient List<Problem> problems;
    private final transient Map<String, String> headers;

    private ApiError(
            int status,
            String code,
            String message,
            Optional<String> field,
            List<Problem> problems,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, Optional.empty(), List.of(), Map.of());
    }

    public static ApiError of(int status, String code, String message, String field) {
        return new ApiError(status, code, message, Optional.of(field), List.of(), Map.of());
    }

    /** 400: the request cannot be read (broken JSON, a bad query parameter, a bad cursor). */
    public static ApiError malformed(String message) {
        return of(400, "malformed", message);
    }

    public static ApiError badParameter(String parameter, String message) {
        return of(400, "invalid_parameter", message, parameter);
    }

    /** 404: nothing of that id for this tenant (another tenant's ids are not found either). */
    public static ApiError notFound(String what, String id) {
        return of(404, "not_found", what + " '" + id + "' was not found");
    }

    public static ApiError conflict(String message) {
        return of(409, "conflict", message);
    }

    /** 422: the request was read, but its content is not valid; every problem is listed. */
    public static ApiError invalid(List<Problem> problems) {
        Problem first = problems.get(0);
        String message = problems.size() == 1
                ? first.message()
                : first.message() + " (and " + (problems.size() - 1) + " more problem(s), listed in problems)";
        return new ApiError(422, "validation_failed", message, first.field(), problems, Map.of());
    }

    public static ApiError invalid(String field, String message) {
        return invalid(List.of(Problem.of(field, message)));
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        return new ApiError(
                429,
                "rate_limited",
                "too many requests for this API key; try again in " + retryAfterSeconds + " second(s)",
                Optional.empty(),
                List.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<String> field() {
        return field;
    }

    public List<Problem> problems() {
        return problems;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
