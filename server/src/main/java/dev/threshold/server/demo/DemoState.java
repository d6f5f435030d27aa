package dev.threshold.server.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Properties;

/**
 * What a demo needs to be resumed, in {@code demo.properties} of its folder (readable by its owner only: it holds
 * the API key): the portfolio it generated (seed, size, first day), the simulated time it reached, the tenant, the
 * key, and the secrets of its channels. It is written once the demo is set up, and again as the clock moves.
 */
record DemoState(
        long seed,
        int residents,
        LocalDate start,
        Instant now,
        String tenant,
        String apiKey,
        String smsToken,
        String webhookSecret,
        String unsubscribeSecret) {

    static final String FILE = "demo.properties";

    DemoState at(Instant t) {
        return new DemoState(seed, residents, start, t, tenant, apiKey, smsToken, webhookSecret, unsubscribeSecret);
    }

    static Optional<DemoState> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new DemoState(
                    Long.parseLong(p.getProperty("seed")),
                    Integer.parseInt(p.getProperty("residents")),
                    LocalDate.parse(p.getProperty("start")),
                    Instant.parse(p.getProperty("now")),
                    p.getProperty("tenant"),
                    p.getProperty("api_key"),
                    p.getProperty("sms_token"),
                    p.getProperty("webhook_secret"),
                    p.getProperty("unsubscribe_secret")));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "the demo's state " + file + " cannot be read (" + e.getMessage() + "); start afresh with --fresh",
                    e);
        }
    }

    /** Writes the state whole or not at all (a new file moved over the old one). */
    void write(Path folder) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("residents", Integer.toString(residents));
        p.setProperty("start", start.toString());
        p.setProperty("now", now.toString());
        p.setProperty("tenant", tenant);
        p.setProperty("api_key", apiKey);
        p.setProperty("sms_token", smsToken);
        p.setProperty("webhook_secret", webhookSecret);
        p.setProperty("unsubscribe_secret", unsubscribeSecret);
        Path next = folder.resolve(FILE + ".next");
        try {
            Files.deleteIfExists(next);
            Files.createFile(next);
            try {
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions are all there is
            }
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                p.store(
                        out,
                        "threshold demo: what it needs to resume (delete the folder or use --fresh to start over)");
            }
            Files.move(next, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's state in " + folder, e);
        }
    }
}
