package dev.threshold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.server.support.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to what the dashboard's security rests on, over plain HTTP: it keeps cookies, reads the CSRF
 * token a page carries, and sends forms, so a test can also send them without the token or the cookie.
 */
public final class SignedInBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Http http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public SignedInBrowser(Http http) {
        this.http = http;
    }

    /** Opens the sign-in page and signs in with a key; returns the answer to the form. */
    public Http.Answer signIn(String key) {
        Http.Answer form = get("/sign-in");
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        return post("/sign-in", Map.of("_csrf", csrf(form.body()), "api_key", key, "next", "/"));
    }

    public Http.Answer get(String path) {
        return remember(http.send("GET", path, null, null, null, headers()));
    }

    /** Sends a form as it is given (add {@code _csrf} to be let in). */
    Http.Answer post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return remember(http.send(
                "POST",
                path,
                null,
                "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8),
                headers()));
    }

    /** The CSRF token a page's forms carry. */
    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a form with a CSRF token in:\n" + html).isTrue();
        return m.group(1);
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    void forget() {
        cookies.clear();
    }

    private Map<String, String> headers() {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        return Map.of(
                "Cookie",
                cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
    }

    private Http.Answer remember(Http.Answer a) {
        for (Map.Entry<String, List<String>> h : a.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("set-cookie")) {
                continue;
            }
            for (String c : h.getValue()) {
                String pair = c.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || c.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        return a;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
