package dev.threshold.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a page of a list starts and how long it is: {@code ?limit=} (1 to 200, default 50) and {@code ?cursor=},
 * the opaque value a previous page returned as {@code next_cursor}. A cursor holds the sort key of the last item
 * shown; it is only a position, so a forged one can show nothing the caller could not list anyway.
 *
 * @param after the sort key to continue after; empty for the first page
 */
public record PageRequest(int limit, Optional<List<String>> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Reads limit and cursor; a cursor must carry {@code arity} values. */
    public static PageRequest of(Context ctx, int arity) {
        int limit = DEFAULT_LIMIT;
        String l = ctx.queryParam("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiError.badParameter(
                        "limit", "'" + Requests.clip(l, 20) + "' is not a page size from 1 to " + MAX_LIMIT);
            }
        }
        String c = ctx.queryParam("cursor");
        return new PageRequest(limit, c == null ? Optional.empty() : Optional.of(decode(c, arity)));
    }

    /** The page of these rows (fetched with limit + 1), with the cursor after its last item when more follow. */
    public <T> Page<T> page(List<T> rows, java.util.function.Function<T, List<String>> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> shown = rows.subList(0, limit);
        return new Page<>(List.copyOf(shown), Optional.of(encode(key.apply(shown.get(limit - 1)))));
    }

    /** A number from a cursor; a forged cursor that holds something else is a 400. */
    public static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.badParameter(
                    "cursor", "not a cursor of this list; pass the next_cursor of the previous page as it was");
        }
    }

    /** How many rows to fetch: one more than shown, to know whether another page follows. */
    public int fetch() {
        return limit + 1;
    }

    static String encode(List<String> values) {
        byte[] json = Json.write(values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    static List<String> decode(String cursor, int arity) {
        try {
            if (cursor.length() > 2000) {
                throw new IllegalArgumentException("too long");
            }
            JsonNode node = Json.parse(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)));
            List<String> out = new ArrayList<>();
            if (!node.isArray() || node.size() != arity) {
                throw new IllegalArgumentException("shape");
            }
            node.forEach(n -> {
                if (!n.isTextual()) {
                    throw new IllegalArgumentException("item");
                }
                out.add(n.asText());
            });
            return out;
        } catch (IllegalArgumentException | ApiError e) {
            throw ApiError.badParameter(
                    "cursor", "not a cursor of this list; pass the next_cursor of the previous page as it was");
        }
    }

    /** A page of items and the cursor of the next page, if any. */
    public record Page<T>(List<T> items, Optional<String> nextCursor) {
        public <R> Page<R> map(java.util.function.Function<T, R> f) {
            return new Page<>(items.stream().map(f).toList(), nextCursor);
        }
    }
}
