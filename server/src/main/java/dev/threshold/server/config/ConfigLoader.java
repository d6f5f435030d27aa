package dev.threshold.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.store.Partitions;
import dev.threshold.runtime.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the server's configuration: defaults, then the YAML file, then {@code THRESHOLD_*} environment variables
 * (a setting {@code server.port} is {@code THRESHOLD_SERVER_PORT}). Everything is checked before the server
 * starts, and every problem is reported at once with the setting, its source and what is expected.
 */
public final class ConfigLoader {
    /** A setting: its dotted name, its default, and what a value must be. */
    private record Setting(String name, String fallback, String expected) {
        String env() {
            return "THRESHOLD_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("data_dir", ".threshold", "a folder"),
            new Setting("server.host", "127.0.0.1", "a host name or address to listen on"),
            new Setting("server.port", "8080", "a port from 0 to 65535 (0 picks a free one)"),
            new Setting("server.shutdown_grace_seconds", "30", "whole seconds from 0 to 3600"),
            new Setting(
                    "store.url",
                    "",
                    "jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB (empty: data_dir/threshold.db)"),
            new Setting("store.user", "postgres", "the PostgreSQL user"),
            new Setting("store.password", "", "the PostgreSQL password"),
            new Setting("store.pool", "6", "PostgreSQL connections from 1 to 200"),
            new Setting("store.partitions", String.valueOf(Partitions.DEFAULT), "partitions from 1 to 4096"),
            new Setting("runtime.workers", "1", "worker threads from 1 to 64"),
            new Setting("runtime.journeys", "", "a journey library folder (empty: the bundled library)"),
            new Setting("runtime.journal", "", "the message journal file (empty: data_dir/channel.journal)"),
            new Setting("limits.max_body_bytes", "1048576", "bytes from 1024 to 104857600"),
            new Setting("limits.max_batch", "500", "events per batch from 1 to 10000"),
            new Setting("limits.rate_per_second", "50", "requests per second per key, from 0.01 to 100000"),
            new Setting("limits.rate_burst", "200", "requests at once per key, from 1 to 1000000"),
            new Setting("webhooks.window_seconds", "300", "seconds from 10 to 3600"),
            new Setting(
                    "cluster.node",
                    "",
                    "a node id of letters, digits, '.', '-' or '_', unique among the nodes sharing the PostgreSQL"
                            + " store (empty: this node works alone)"),
            new Setting("cluster.lease_seconds", "10", "seconds from 3 to 300"),
            new Setting("cluster.dispatch_claim_seconds", "300", "seconds from 10 to 3600"),
            new Setting("stream.nats.url", "", "a NATS server such as nats://127.0.0.1:4222 (empty: no stream ingest)"),
            new Setting("stream.nats.stream", "THRESHOLD_EVENTS", "a JetStream stream name (letters, digits, - or _)"),
            new Setting(
                    "stream.nats.subjects",
                    "threshold.events.*",
                    "subjects whose last token is the tenant, such as threshold.events.*"),
            new Setting("stream.nats.durable", "threshold-ingest", "a durable consumer name (letters, digits, - or _)"),
            new Setting("stream.nats.ack_wait_seconds", "30", "seconds from 5 to 3600"));

    private ConfigLoader() {}

    /** The names of every setting, for documentation and tests. */
    public static List<String> settings() {
        return SETTINGS.stream().map(Setting::name).toList();
    }

    public static ServerConfig load(Optional<Path> file, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        SETTINGS.forEach(s -> {
            values.put(s.name(), s.fallback());
            sources.put(s.name(), "the default");
        });
        Block channels = new Block(null, "");
        if (file.isPresent()) {
            channels = readFile(file.get(), values, sources, problems, env);
        }
        for (Setting s : SETTINGS) {
            String v = env.get(s.env());
            if (v != null) {
                values.put(s.name(), v.trim());
                sources.put(s.name(), "environment variable " + s.env());
            }
        }
        String channelsEnv = env.get(CHANNELS_ENV);
        if (channelsEnv != null && !channelsEnv.isBlank()) {
            channels =
                    new Block(parseBlock(channelsEnv, CHANNELS_ENV, problems), "environment variable " + CHANNELS_ENV);
        }
        Values v = new Values(values, sources, problems);
        ServerConfig config = build(v, ChannelsConfig.read(channels.node(), channels.source(), env::get, problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** The environment variable that may hold the whole {@code channels} block, as YAML or JSON. */
    public static final String CHANNELS_ENV = "THRESHOLD_CHANNELS";

    /** A block of the configuration read as a tree, and where it came from. */
    private record Block(JsonNode node, String source) {}

    private static JsonNode parseBlock(String text, String source, List<String> problems) {
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(text);
            if (n != null && !n.isObject() && !n.isNull()) {
                problems.add("channels (from " + source + "): expected a map such as '{sms: {...}}'");
                return null;
            }
            return n;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() + lineOf(j)
                    : e.getMessage();
            problems.add("channels (from " + source + "): not YAML: " + why);
            return null;
        }
    }

    private static ServerConfig build(Values v, Optional<ChannelSettings> channels) {
        Path dataDir = Path.of(v.text("data_dir"));
        ServerConfig.Http http = new ServerConfig.Http(
                v.text("server.host"),
                (int) v.integer("server.port", 0, 65535),
                Duration.ofSeconds(v.integer("server.shutdown_grace_seconds", 0, 3600)));
        String url = v.text("store.url");
        if (url.isEmpty()) {
            url = "jdbc:sqlite:" + dataDir.resolve("threshold.db").toAbsolutePath();
        } else if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            v.problem("store.url", "'" + url + "' is not a store URL");
            url = "jdbc:sqlite:" + dataDir.resolve("threshold.db").toAbsolutePath();
        }
        StoreConfig store = new StoreConfig(
                url, v.text("store.user"), v.text("store.password"), (int) v.integer("store.pool", 1, 200), (int)
                        v.integer("store.partitions", 1, 4096));
        String journal = v.text("runtime.journal");
        ServerConfig.Runtime runtime = new ServerConfig.Runtime(
                (int) v.integer("runtime.workers", 1, 64),
                Optional.of(v.text("runtime.journeys"))
                        .filter(s -> !s.isEmpty())
                        .map(Path::of),
                journal.isEmpty() ? dataDir.resolve("channel.journal") : Path.of(journal));
        ServerConfig.Limits limits = new ServerConfig.Limits(
                v.integer("limits.max_body_bytes", 1024, 104_857_600),
                (int) v.integer("limits.max_batch", 1, 10_000),
                v.decimal("limits.rate_per_second", 0.01, 100_000),
                (int) v.integer("limits.rate_burst", 1, 1_000_000));
        ServerConfig.Webhooks webhooks =
                new ServerConfig.Webhooks(Duration.ofSeconds(v.integer("webhooks.window_seconds", 10, 3600)));
        String node = v.text("cluster.node");
        if (!node.isEmpty() && !node.matches("[A-Za-z0-9._-]{1,100}")) {
            v.problem("cluster.node", "'" + node + "' is not a node id");
        } else if (!node.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
            v.problem("cluster.node", "a cluster needs a PostgreSQL store (store.url), not SQLite");
        }
        ServerConfig.Cluster cluster = new ServerConfig.Cluster(
                Optional.of(node).filter(n -> !n.isEmpty()),
                Duration.ofSeconds(v.integer("cluster.lease_seconds", 3, 300)),
                Duration.ofSeconds(v.integer("cluster.dispatch_claim_seconds", 10, 3600)));
        return new ServerConfig(dataDir, http, store, runtime, limits, webhooks, cluster, stream(v), channels);
    }

    private static ServerConfig.Stream stream(Values v) {
        String url = v.text("stream.nats.url");
        if (!url.isEmpty() && !url.matches("(nats|tls)://[^\\s]+")) {
            v.problem("stream.nats.url", "'" + url + "' is not a NATS URL");
        }
        for (String name : List.of("stream.nats.stream", "stream.nats.durable")) {
            if (!v.text(name).matches("[A-Za-z0-9_-]{1,100}")) {
                v.problem(name, "'" + v.text(name) + "' is not a name NATS takes");
            }
        }
        String subjects = v.text("stream.nats.subjects");
        if (!subjects.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.\\*")) {
            v.problem("stream.nats.subjects", "'" + subjects + "' does not end in .* (the tenant's token)");
        }
        return new ServerConfig.Stream(
                Optional.of(url).filter(u -> !u.isEmpty()),
                v.text("stream.nats.stream"),
                subjects,
                v.text("stream.nats.durable"),
                Duration.ofSeconds(v.integer("stream.nats.ack_wait_seconds", 5, 3600)));
    }

    /** Reads the file's settings into {@code values}; returns its {@code channels} block, which is not flat. */
    private static Block readFile(
            Path f,
            Map<String, String> values,
            Map<String, String> sources,
            List<String> problems,
            Map<String, String> env) {
        Block none = new Block(null, f.toString());
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(f));
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() + lineOf(j)
                    : "cannot be read (" + e.getMessage() + ")";
            problems.add(f + ": " + why);
            return none;
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return none;
        }
        if (!root.isObject()) {
            problems.add(f + ": expected a map of settings such as 'server: { port: 8080 }'");
            return none;
        }
        JsonNode channels = ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove("channels");
        flatten(f, "", root, values, sources, problems, env);
        return new Block(channels, f.toString());
    }

    private static String lineOf(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static void flatten(
            Path f,
            String prefix,
            JsonNode node,
            Map<String, String> values,
            Map<String, String> sources,
            List<String> problems,
            Map<String, String> env) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            boolean group = SETTINGS.stream().anyMatch(s -> s.name().startsWith(name + "."));
            if (group && v.isObject()) {
                flatten(f, name + ".", v, values, sources, problems, env);
            } else if (values.containsKey(name) && (v.isValueNode() || v.isNull())) {
                values.put(
                        name,
                        v.isNull()
                                ? ""
                                : ChannelsConfig.substitute(v.asText().trim(), name, f.toString(), env::get, problems));
                sources.put(name, f.toString());
            } else if (values.containsKey(name) || group) {
                problems.add(f + ": " + name + " is " + (v.isObject() ? "a map" : "a list") + "; expected "
                        + (group ? "a map of settings" : "a single value"));
            } else {
                problems.add(f + ": '" + name + "' is not a setting; the settings are " + settings()
                        + " and the channels block (docs/channels.md)");
            }
        }
    }

    /** Typed access to the merged values, recording problems instead of throwing. */
    private record Values(Map<String, String> values, Map<String, String> sources, List<String> problems) {
        String text(String name) {
            return values.get(name);
        }

        long integer(String name, long min, long max) {
            String s = values.get(name);
            try {
                long n = Long.parseLong(s);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(name, "'" + s + "' is not valid");
            return min;
        }

        double decimal(String name, double min, double max) {
            String s = values.get(name);
            try {
                double n = Double.parseDouble(s);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(name, "'" + s + "' is not valid");
            return min;
        }

        void problem(String name, String what) {
            String expected = SETTINGS.stream()
                    .filter(s -> s.name().equals(name))
                    .findFirst()
                    .map(Setting::expected)
                    .orElse("");
            problems.add(name + " (from " + sources.get(name) + "): " + what + "; expected " + expected);
        }
    }
}
