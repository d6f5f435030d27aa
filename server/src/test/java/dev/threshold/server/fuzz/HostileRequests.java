package dev.threshold.server.fuzz;

import dev.threshold.server.http.Routes;
import dev.threshold.server.support.World;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes requests that must all be refused: broken JSON, invalid UTF-8, wrong types, missing and unknown fields,
 * huge strings and numbers, unknown enum values, wrong content types, wrong methods, path traversal, injection
 * strings, bad keys, bad signatures, bad query parameters, oversized bodies. Each request is invalid by
 * construction (a body always carries at least one certain fault), so none may change the store. Seeded: a
 * failure replays exactly.
 */
final class HostileRequests {
    /** One request to send. */
    record Request(
            String kind,
            String method,
            String path,
            String key,
            String contentType,
            byte[] body,
            Map<String, String> headers) {
        @Override
        public String toString() {
            String b = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return kind + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + " ["
                    + contentType + "] " + b;
        }
    }

    static final List<String> NASTY = List.of(
            "' OR '1'='1",
            "'; DROP TABLE contacts; --",
            "\" OR 1=1 --",
            "../../../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2f",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "{{7*7}}",
            "\u0000",
            "\u202e",
            "𝕳𝖆𝖈𝖐",
            "\ud83d\ude00",
            "NaN",
            "-Infinity",
            "null",
            "true",
            "0x7fffffff",
            "1e309",
            "A".repeat(5000),
            "tenant-b-r1",
            "*",
            "%",
            "_",
            "\\",
            "\r\nX-Injected: 1",
            "$(rm -rf /)",
            "`id`",
            "admin'--");

    private final Random random;
    private final World world;
    private final List<Routes.Route> routes;
    private final Map<String, Set<String>> methodsByPath;
    private final Map<String, String> validBodies;
    private final long maxBody;

    HostileRequests(long seed, World world, List<Routes.Route> routes, long maxBody) {
        this.random = new Random(seed);
        this.world = world;
        this.routes = routes.stream().filter(r -> r.path().startsWith("/v1/")).toList();
        this.methodsByPath = routes.stream()
                .collect(Collectors.groupingBy(
                        Routes.Route::path, Collectors.mapping(Routes.Route::method, Collectors.toSet())));
        this.validBodies = ValidBodies.of(world);
        this.maxBody = maxBody;
    }

    Request next() {
        return switch (random.nextInt(14)) {
            case 0 -> brokenJson();
            case 1 -> invalidUtf8();
            case 2 -> wrongContentType();
            case 3 -> wrongMethod();
            case 4 -> hostilePath();
            case 5 -> unknownField();
            case 6 -> wrongType();
            case 7 -> missingFields();
            case 8 -> oversized();
            case 9 -> badQuery();
            case 10 -> badKey();
            case 11 -> badWebhook();
            case 12 -> badImport();
            default -> hugeValues();
        };
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String nasty() {
        return pick(NASTY);
    }

    /** A hostile string a header can carry (HTTP headers are visible ASCII). */
    private String asciiNasty() {
        return pick(NASTY.stream()
                .filter(n -> n.chars().allMatch(c -> c > 0x20 && c < 0x7f))
                .toList());
    }

    /** A route with a JSON body, its path filled with the world's ids. */
    private Map.Entry<String, String> jsonRoute() {
        List<Map.Entry<String, String>> all = new ArrayList<>(validBodies.entrySet());
        return pick(all);
    }

    private Request json(String kind, Map.Entry<String, String> route, String body) {
        String[] mp = route.getKey().split(" ", 2);
        return new Request(
                kind,
                mp[0],
                mp[1],
                world.adminKey(),
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    private Request brokenJson() {
        var r = jsonRoute();
        String valid = r.getValue();
        String body = switch (random.nextInt(9)) {
            case 0 -> valid.substring(0, Math.max(1, random.nextInt(valid.length())));
            case 1 -> valid + "}";
            case 2 -> valid.replaceFirst(":", "");
            case 3 -> "[".repeat(5000) + "]".repeat(4999);
            case 4 -> "{\"a\": " + "1".repeat(5000) + "}";
            case 5 -> valid.replace("\"", "'");
            case 6 -> "{\"x\": 1, \"x\": 2}";
            case 7 -> valid + " " + valid;
            default -> "";
        };
        return json("broken json", r, body);
    }

    private Request invalidUtf8() {
        var r = jsonRoute();
        byte[] prefix = "{\"id\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] body = new byte[prefix.length + bad.length + 2];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        String[] mp = r.getKey().split(" ", 2);
        return new Request("invalid utf-8", mp[0], mp[1], world.adminKey(), "application/json", body, Map.of());
    }

    private Request wrongContentType() {
        var r = jsonRoute();
        String type = pick(List.of(
                "text/plain",
                "application/xml",
                "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1",
                "application/x-www-form-urlencoded",
                "application/jsonx",
                "*/*"));
        String[] mp = r.getKey().split(" ", 2);
        return new Request(
                "content type",
                mp[0],
                mp[1],
                world.adminKey(),
                type,
                r.getValue().getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    private Request wrongMethod() {
        Routes.Route route = pick(routes);
        Set<String> taken = methodsByPath.get(route.path());
        List<String> others = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "TRACE"));
        others.removeAll(taken);
        if (others.isEmpty()) {
            others.add("TRACE");
        }
        String path = ValidBodies.fill(route.path(), world);
        if (route.path().equals("/v1/journeys/{id}") || path.matches("/v1/journeys/[^/]+")) {
            others.remove("POST"); // POST /v1/journeys/validate and /publish-library live beside {id}
        }
        return new Request(
                "method",
                pick(others.isEmpty() ? List.of("TRACE") : others),
                path,
                world.adminKey(),
                null,
                null,
                Map.of());
    }

    private Request hostilePath() {
        Routes.Route route = pick(routes.stream()
                .filter(r -> r.method().equals("GET") && r.path().contains("{"))
                .toList());
        String id = random.nextBoolean()
                ? URLEncoder.encode(nasty(), StandardCharsets.UTF_8)
                : pick(List.of(
                        "..%2F..%2Fetc%2Fpasswd",
                        "%2e%2e", "..;", "%00", "%C3%28", "a%2Fb", "%252e%252e", "x".repeat(5000)));
        String path = route.path().replaceAll("\\{[a-z]+}", id);
        if (random.nextInt(4) == 0) {
            path = pick(List.of(
                    "/v1/../../etc/passwd",
                    "/v1/contacts/../keys",
                    "//v1//contacts",
                    "/v1/%2e%2e/%2e%2e/x",
                    "/v1/contacts/%2e%2e/keys"));
        }
        return new Request("path", "GET", path, world.adminKey(), null, null, Map.of());
    }

    private Request unknownField() {
        var r = jsonRoute();
        String extra = "\"zz_" + random.nextInt(1000) + "\": \"" + jsonEscape(nasty()) + "\"";
        String body = "{" + extra + ", " + r.getValue().trim().substring(1);
        return json("unknown field", r, body);
    }

    private Request wrongType() {
        var r = jsonRoute();
        String valid = r.getValue();
        List<String> wrongs = new ArrayList<>(
                List.of("12345", "[1, 2]", "{\"nested\": true}", "true", "-1e308", "123456789012345678901234567890"));
        if (ValidBodies.breaker(r.getKey()).equals("enabled")) {
            wrongs.remove("true"); // the one field for which true is the right type
        }
        String wrong = pick(wrongs);
        String body = ValidBodies.replaceRequired(r.getKey(), valid, wrong);
        return json("wrong type", r, body);
    }

    private Request missingFields() {
        var r = jsonRoute();
        return json("missing fields", r, ValidBodies.withoutRequired(r.getKey(), r.getValue()));
    }

    private Request hugeValues() {
        var r = jsonRoute();
        String huge = random.nextBoolean()
                ? "\"" + "x".repeat(20_000 + random.nextInt(20_000)) + "\""
                : "9".repeat(90) + "e99999";
        String body = ValidBodies.replaceRequired(r.getKey(), r.getValue(), huge);
        return json(
                "huge values", r, "{\"zz_huge\": " + huge + ", " + body.trim().substring(1));
    }

    private Request oversized() {
        var r = jsonRoute();
        String body = "{\"pad\": \"" + "p".repeat((int) maxBody + 10) + "\"}";
        return json("oversized", r, body);
    }

    private Request badQuery() {
        String path = pick(List.of(
                "/v1/contacts?limit=" + pick(List.of("0", "-1", "abc", "201", "99999999999999999999", "1.5", "")),
                "/v1/instances?cursor="
                        + pick(List.of(
                                "garbage",
                                "%00",
                                Base64.getUrlEncoder().encodeToString("[1,2,3]".getBytes(StandardCharsets.UTF_8)),
                                "eyJ9")),
                "/v1/tasks?status=" + URLEncoder.encode(nasty(), StandardCharsets.UTF_8),
                "/v1/instances?status=haunted",
                "/v1/instances?journey=" + URLEncoder.encode(nasty(), StandardCharsets.UTF_8),
                "/v1/instances?contact=" + URLEncoder.encode(nasty(), StandardCharsets.UTF_8),
                "/v1/tasks?cursor="
                        + Base64.getUrlEncoder().encodeToString("[\"x\",\"y\"]".getBytes(StandardCharsets.UTF_8)),
                "/v1/contacts/" + world.contact() + "/timeline?cursor="
                        + Base64.getUrlEncoder().encodeToString("[\"a\",\"b\",\"c\"]".getBytes(StandardCharsets.UTF_8)),
                "/v1/analytics/journeys/" + world.journey() + "?from="
                        + URLEncoder.encode(nasty(), StandardCharsets.UTF_8),
                "/v1/journeys/" + world.journey() + "/versions/" + URLEncoder.encode(nasty(), StandardCharsets.UTF_8),
                "/v1/imports?format=" + URLEncoder.encode(nasty(), StandardCharsets.UTF_8)));
        String method = path.startsWith("/v1/imports") ? "POST" : "GET";
        return new Request(
                "query",
                method,
                path,
                world.adminKey(),
                method.equals("POST") ? "text/csv" : null,
                method.equals("POST") ? "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8) : null,
                Map.of());
    }

    private Request badKey() {
        Routes.Route route =
                pick(routes.stream().filter(r -> r.permission().isPresent()).toList());
        String key = pick(List.of(
                "thr_tenant-b_" + "A".repeat(43),
                "garbage",
                "thr_",
                "thr__x",
                "thr_" + asciiNasty(),
                world.adminKey() + "x",
                ""));
        Map<String, String> headers = random.nextBoolean()
                ? Map.of()
                : Map.of("Authorization", pick(List.of("Basic YWRtaW46YWRtaW4=", "Bearer", "bearer  ", "Token abc")));
        String method = route.method();
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null : "{}".getBytes(StandardCharsets.UTF_8);
        return new Request(
                "key",
                method,
                ValidBodies.fill(route.path(), world),
                headers.isEmpty() && !key.isEmpty() ? key : null,
                body == null ? null : "application/json",
                body,
                headers);
    }

    private Request badWebhook() {
        String signature =
                pick(List.of("t=1,v1=00", "v1=" + "a".repeat(64), "t=" + asciiNasty(), "", "t=9999999999,v1=zz"));
        String tenant = pick(List.of(
                world.tenant(), "tenant-b", URLEncoder.encode(nasty(), StandardCharsets.UTF_8), "x".repeat(300)));
        Map<String, String> headers = signature.isEmpty() ? Map.of() : Map.of("Threshold-Signature", signature);
        String body = validBodies.get("POST /v1/events");
        return new Request(
                "webhook",
                "POST",
                "/v1/webhooks/" + tenant + "/pms/events",
                null,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    private Request badImport() {
        String[] choice = pick(List.of(
                new String[] {"mits", "application/xml", "<PhysicalProperty><Property>"},
                new String[] {
                    "mits",
                    "application/xml",
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><PhysicalProperty>&e;</PhysicalProperty>"
                },
                new String[] {
                    "mits",
                    "application/xml",
                    "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><LeadManagement>&b;</LeadManagement>"
                },
                new String[] {"mits", "application/xml", "<NotAFeed/>"},
                new String[] {"csv", "text/csv", "id,name\n\"unclosed,1\n"},
                new String[] {"csv", "text/plain", "contact_id,first_name\nx,y\n"},
                new String[] {"mits", "text/csv", "<PhysicalProperty/>"},
                new String[] {"csv&kind=haunted", "text/csv", "a\n1\n"}));
        return new Request(
                "import",
                "POST",
                "/v1/imports?format=" + choice[0],
                world.adminKey(),
                choice[1],
                choice[2].getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static Map<String, String> linked() {
        return new LinkedHashMap<>();
    }
}
