package dev.threshold.runtime.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.StateJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's webhook body, as providers post them: a form ({@code application/x-www-form-urlencoded}, the
 * Twilio shape: {@code From}, {@code To}, {@code Body}, {@code MessageSid}) or JSON ({@code from}, {@code to},
 * {@code text}, {@code id}). Field names are matched without regard to case, and each field has its common aliases.
 */
final class ProviderPost {
    private final Map<String, String> fields;

    private ProviderPost(Map<String, String> fields) {
        this.fields = fields;
    }

    /** The body read by its content type (or its first character when none is given); an error says what is wrong. */
    static ProviderPost parse(Optional<String> contentType, String body) {
        String type = contentType.orElse("").toLowerCase(Locale.ROOT);
        boolean json =
                type.contains("json") || (type.isBlank() && body.stripLeading().startsWith("{"));
        if (!json && !type.isBlank() && !type.contains("x-www-form-urlencoded")) {
            throw new IllegalArgumentException("content type '" + contentType.get()
                    + "' is not accepted; post application/x-www-form-urlencoded or application/json");
        }
        Map<String, String> out = new HashMap<>();
        if (json) {
            JsonNode n;
            try {
                n = StateJson.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
            }
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
                }
            }
        } else {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                try {
                    out.put(
                            URLDecoder.decode(kv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                            kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the form field '" + kv[0] + "' is not URL-encoded");
                }
            }
        }
        return new ProviderPost(out);
    }

    /** The first of these names that is present and not blank. */
    Optional<String> get(List<String> names) {
        for (String n : names) {
            String v = fields.get(n.toLowerCase(Locale.ROOT));
            if (v != null && !v.isBlank()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** A header by name, without regard to case. */
    static Optional<String> header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(h.getValue());
            }
        }
        return Optional.empty();
    }
}
