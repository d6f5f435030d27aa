package dev.threshold.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code channels:} block of the server's configuration (docs/channels.md, "Setting channels up") read into
 * {@link ChannelSettings}: every problem is collected with its path ({@code channels.sms.provider.token}) and where
 * it came from, a secret's value is never repeated in a message, and {@code ${NAME}} in a value is replaced by the
 * environment variable {@code NAME}. What the shape allows is then checked by {@link ChannelSettings#problems()}.
 */
final class ChannelsConfig {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    /** The common providers' codes for a number that cannot take texts, as {@code ChannelSettings.Sms.of}. */
    private static final Set<String> PERMANENT_FAILURES = Set.of("21211", "21610", "21614", "30005", "30006");

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})\\s*(ms|s|m|h|d)");

    private final String source;
    private final Function<String, String> env;
    private final List<String> problems;

    private ChannelsConfig(String source, Function<String, String> env, List<String> problems) {
        this.source = source;
        this.env = env;
        this.problems = problems;
    }

    /**
     * The settings the block describes, or empty when it configures nothing; problems are added to {@code problems}.
     *
     * @param source where the block came from (a file, or the environment variable THRESHOLD_CHANNELS), for messages
     */
    static Optional<ChannelSettings> read(
            JsonNode block, String source, Function<String, String> env, List<String> problems) {
        if (block == null || block.isNull() || block.isMissingNode()) {
            return Optional.empty();
        }
        List<String> mine = new ArrayList<>();
        ChannelsConfig c = new ChannelsConfig(source, env, mine);
        Optional<ChannelSettings> settings = c.channels(block);
        if (settings.isPresent()) {
            // what the values mean together; a setting already reported as unreadable is not reported twice
            Set<String> reported = new java.util.HashSet<>();
            mine.forEach(p -> reported.add(p.substring(0, p.indexOf(" (from "))));
            for (String p : settings.get().problems()) {
                int colon = p.indexOf(':');
                String path = colon < 0 ? p : p.substring(0, colon);
                if (!reported.contains(path)) {
                    mine.add(colon < 0 ? p : path + " (from " + source + ")" + p.substring(colon));
                }
            }
        }
        problems.addAll(mine);
        return mine.isEmpty() ? settings : Optional.empty();
    }

    /** Replaces {@code ${NAME}} with the environment variable; a missing one is a problem of {@code path}. */
    static String substitute(String value, String path, String source, Function<String, String> env, List<String> out) {
        Matcher m = ENV.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                out.add(path + " (from " + source + "): the environment variable " + m.group(1) + " is not set");
                v = "";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    private Optional<ChannelSettings> channels(JsonNode node) {
        if (!map("channels", node, Set.of("email", "sms", "webhooks", "unsubscribe"))) {
            return Optional.empty();
        }
        Optional<ChannelSettings.Email> email = group(node, "email").map(this::email);
        Optional<ChannelSettings.Sms> sms = group(node, "sms").map(this::sms);
        Optional<ChannelSettings.Webhooks> webhooks = group(node, "webhooks").map(n -> {
            String at = "channels.webhooks";
            map(at, n, Set.of("secret", "timeout"));
            return new ChannelSettings.Webhooks(
                    secret(n, at + ".secret").orElse(new Secret("")),
                    duration(n, at + ".timeout", Duration.ofSeconds(10)));
        });
        Optional<ChannelSettings.Unsubscribe> unsubscribe =
                group(node, "unsubscribe").map(this::unsubscribe);
        if (email.isEmpty() && sms.isEmpty() && webhooks.isEmpty() && unsubscribe.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelSettings(email, sms, webhooks, unsubscribe));
    }

    private ChannelSettings.Email email(JsonNode n) {
        String at = "channels.email";
        map(
                at,
                n,
                Set.of(
                        "host",
                        "port",
                        "tls",
                        "user",
                        "password",
                        "from_address",
                        "message_id_domain",
                        "postal_address",
                        "timeout"));
        String from = text(n, at + ".from_address").orElse("");
        ChannelSettings.Tls tls =
                text(n, at + ".tls").map(t -> tls(t, at + ".tls")).orElse(ChannelSettings.Tls.STARTTLS);
        return new ChannelSettings.Email(
                text(n, at + ".host").orElse(""),
                (int) integer(n, at + ".port", 587),
                text(n, at + ".user"),
                secret(n, at + ".password"),
                tls,
                from,
                text(n, at + ".message_id_domain").orElse(from.substring(from.indexOf('@') + 1)),
                text(n, at + ".postal_address"),
                duration(n, at + ".timeout", Duration.ofSeconds(30)));
    }

    private ChannelSettings.Tls tls(String t, String path) {
        try {
            return ChannelSettings.Tls.valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(path, "'" + t + "' is not one of none, starttls, smtps");
            return ChannelSettings.Tls.STARTTLS;
        }
    }

    private ChannelSettings.Sms sms(JsonNode n) {
        String at = "channels.sms";
        map(
                at,
                n,
                Set.of(
                        "provider",
                        "communities",
                        "messages_path",
                        "webhook_secret",
                        "signature_tolerance",
                        "timeout",
                        "max_segments",
                        "permanent_failures",
                        "status_callback_url"));
        Optional<ChannelSettings.SmsAccount> provider = group(n, "provider").map(p -> account(p, at + ".provider"));
        Map<String, ChannelSettings.SmsAccount> communities = new LinkedHashMap<>();
        group(n, "communities").ifPresent(c -> {
            if (map(at + ".communities", c, null)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String path = at + ".communities." + e.getKey();
                    if (map(path, e.getValue(), null)) {
                        communities.put(e.getKey(), account(e.getValue(), path));
                    }
                }
            }
        });
        if (!n.has("webhook_secret")) {
            problem(at + ".webhook_secret", "required: the secret the provider signs inbound texts and callbacks with");
        }
        return new ChannelSettings.Sms(
                provider,
                communities,
                text(n, at + ".messages_path").orElse("/accounts/{account}/messages"),
                secret(n, at + ".webhook_secret").orElse(new Secret("")),
                duration(n, at + ".signature_tolerance", Duration.ofMinutes(5)),
                duration(n, at + ".timeout", Duration.ofSeconds(10)),
                (int) integer(n, at + ".max_segments", 10),
                n.has("permanent_failures")
                        ? new LinkedHashSet<>(texts(n, at + ".permanent_failures"))
                        : PERMANENT_FAILURES,
                text(n, at + ".status_callback_url"));
    }

    private ChannelSettings.SmsAccount account(JsonNode n, String at) {
        map(at, n, Set.of("base_url", "account", "token", "from_number"));
        for (String required : List.of("base_url", "account", "token", "from_number")) {
            if (!n.has(required)) {
                problem(at + "." + required, "required");
            }
        }
        return new ChannelSettings.SmsAccount(
                text(n, at + ".base_url").map(u -> uri(u, at + ".base_url")).orElse(null),
                text(n, at + ".account").orElse(""),
                secret(n, at + ".token").orElse(new Secret("")),
                text(n, at + ".from_number").orElse(""));
    }

    private ChannelSettings.Unsubscribe unsubscribe(JsonNode n) {
        String at = "channels.unsubscribe";
        map(at, n, Set.of("base_url", "secret", "previous_secrets", "validity"));
        if (!n.has("base_url")) {
            problem(at + ".base_url", "required: where this server is reached, e.g. https://threshold.example.com");
        }
        List<Secret> previous = new ArrayList<>();
        texts(n, at + ".previous_secrets").forEach(s -> previous.add(new Secret(s)));
        return new ChannelSettings.Unsubscribe(
                text(n, at + ".base_url").map(u -> uri(u, at + ".base_url")).orElse(null),
                secret(n, at + ".secret").orElse(new Secret("")),
                previous,
                duration(n, at + ".validity", Duration.ofDays(365)));
    }

    /** The child map of a group, or empty when the group is absent or null. */
    private Optional<JsonNode> group(JsonNode parent, String name) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    /** Checks that a node is a map whose keys are among {@code allowed} (any key when null). */
    private boolean map(String path, JsonNode n, Set<String> allowed) {
        if (!n.isObject()) {
            problem(path, "is " + kind(n) + "; expected a map of settings");
            return false;
        }
        if (allowed != null) {
            n.fieldNames().forEachRemaining(k -> {
                if (!allowed.contains(k)) {
                    problem(
                            path + "." + k,
                            "is not a setting; the settings here are " + new java.util.TreeSet<>(allowed));
                }
            });
        }
        return true;
    }

    private Optional<String> text(JsonNode parent, String path) {
        JsonNode n = parent.get(last(path));
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isValueNode()) {
            problem(path, "is " + kind(n) + "; expected a single value");
            return Optional.empty();
        }
        return Optional.of(substitute(n.asText().trim(), path, source, env, problems));
    }

    private Optional<Secret> secret(JsonNode parent, String path) {
        return text(parent, path).map(Secret::new);
    }

    /** A list of single values (never repeated in a message: some are secrets). */
    private List<String> texts(JsonNode parent, String path) {
        JsonNode n = parent.get(last(path));
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problem(path, "is " + kind(n) + "; expected a list such as [\"21610\", \"30006\"]");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode v = n.get(i);
            if (!v.isValueNode() || v.isNull()) {
                problem(path + "[" + i + "]", "is " + kind(v) + "; expected a single value");
            } else {
                out.add(substitute(v.asText().trim(), path + "[" + i + "]", source, env, problems));
            }
        }
        return out;
    }

    private long integer(JsonNode parent, String path, long fallback) {
        Optional<String> t = text(parent, path);
        if (t.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(t.get());
        } catch (NumberFormatException e) {
            problem(path, "'" + t.get() + "' is not a whole number");
            return fallback;
        }
    }

    private Duration duration(JsonNode parent, String path, Duration fallback) {
        Optional<String> t = text(parent, path);
        if (t.isEmpty()) {
            return fallback;
        }
        Optional<Duration> d = parseDuration(t.get());
        if (d.isEmpty()) {
            problem(path, "'" + t.get() + "' is not a duration; expected a number and a unit, such as 30s, 5m, 365d");
            return fallback;
        }
        return d.get();
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 6h}, {@code 365d}, or ISO-8601 ({@code PT30S}). */
    static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
        }
        try {
            return Optional.of(Duration.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private URI uri(String text, String path) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || u.getHost() == null) {
                problem(path, "'" + text + "' is not an absolute http(s) URL");
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            problem(path, "'" + text + "' is not a URL (" + e.getReason() + ")");
            return null;
        }
    }

    private void problem(String path, String what) {
        problems.add(path + " (from " + source + "): " + what);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "a map";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.isNull() ? "empty" : "a single value";
    }
}
