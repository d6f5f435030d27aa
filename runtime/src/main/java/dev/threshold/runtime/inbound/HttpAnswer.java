package dev.threshold.runtime.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threshold.engine.core.StateJson;

/**
 * What an inbound entry point answers, for the HTTP layer to send as it is: a status, a content type and a body.
 * Errors are JSON ({@code {"error": "..."}}) for machines and a short page for people.
 */
public record HttpAnswer(int status, String contentType, String body) {

    public static HttpAnswer json(int status, ObjectNode body) {
        return new HttpAnswer(status, "application/json", body.toString());
    }

    public static HttpAnswer error(int status, String message) {
        ObjectNode n = StateJson.mapper().createObjectNode();
        n.put("error", message);
        return json(status, n);
    }

    public static HttpAnswer page(int status, String title, String paragraphHtml) {
        return new HttpAnswer(
                status,
                "text/html; charset=utf-8",
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                        + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>"
                        + escape(title) + "</h1>" + paragraphHtml + "</body></html>");
    }

    /** Text made safe to put in HTML. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
