package dev.threshold.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading a request safely: the content type is checked before the body is touched, the body is read up to the
 * configured limit and no further (a larger one is a 413 whether or not it announced its length), and JSON is
 * parsed strictly ({@link Json}).
 */
public final class Requests {
    private Requests() {}

    /** The body as a JSON object; 415 for another content type, 413 when too large, 400 when broken. */
    public static JsonNode jsonObject(Context ctx, long maxBytes) {
        requireType(ctx, "application/json");
        JsonNode node = Json.parse(body(ctx, maxBytes));
        if (!node.isObject()) {
            throw ApiError.invalid("(body)", "expected a JSON object, not " + describe(node));
        }
        return node;
    }

    /** The body as text of one of the given types (an XML or CSV file), in UTF-8. */
    public static String text(Context ctx, long maxBytes, String... types) {
        requireType(ctx, types);
        byte[] bytes = body(ctx, maxBytes);
        var decoder = java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiError.malformed("the body is not valid UTF-8 text");
        }
    }

    /** Checks the Content-Type against the accepted media types; only UTF-8 is accepted as a charset. */
    public static void requireType(Context ctx, String... accepted) {
        String header = Optional.ofNullable(ctx.header("Content-Type")).orElse("");
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw ApiError.of(415, "unsupported_media_type", "only the utf-8 charset is accepted", "Content-Type");
            }
        }
        for (String a : accepted) {
            if (a.equals(type)) {
                return;
            }
        }
        throw ApiError.of(
                415,
                "unsupported_media_type",
                (type.isEmpty() ? "the request has no Content-Type" : "Content-Type '" + clip(type, 60) + "'")
                        + "; expected " + String.join(" or ", accepted),
                "Content-Type");
    }

    /**
     * The raw body, read up to the limit; 413 beyond it. A body somewhat over the limit is read to its end first, so
     * the client, still sending, reads the 413 rather than a closed connection; a far larger one is cut off.
     */
    public static byte[] body(Context ctx, long maxBytes) {
        long announced = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (announced > maxBytes) {
                drain(in, maxBytes);
                throw tooLarge(maxBytes);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                drain(in, maxBytes);
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.malformed("the request body could not be read");
        }
    }

    private static void drain(InputStream in, long maxBytes) throws IOException {
        long cap = Math.max(1 << 20, 4 * maxBytes);
        byte[] sink = new byte[8192];
        long read = 0;
        int n;
        while (read < cap && (n = in.read(sink)) > 0) {
            read += n;
        }
    }

    private static ApiError tooLarge(long maxBytes) {
        return ApiError.of(
                413, "payload_too_large", "the request body is larger than the " + maxBytes + " bytes accepted");
    }

    /** A path parameter, checked to look like an id (printable, at most 200 characters). */
    public static String id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (v.isEmpty() || v.length() > 200 || !v.codePoints().allMatch(c -> c > 0x20 && c != 0x7f)) {
            throw ApiError.badParameter(name, "'" + clip(v, 40) + "' is not an id: 1 to 200 visible characters");
        }
        return v;
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT, POJO -> "an object";
            default -> "null";
        };
    }

    /** Cuts a caller's text to a length fit for an error message. */
    public static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
