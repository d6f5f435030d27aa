package dev.threshold.domain.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The sample feeds under examples/imports, which the tests import as an integrator would. */
public final class Samples {
    /** The moment the samples are imported at: 9 a.m. in Denver on March 1, 2027. */
    public static final Instant NOW = Instant.parse("2027-03-01T16:00:00Z");

    private Samples() {}

    public static Path path(String relative) {
        return Path.of(System.getProperty("threshold.root", ".."), "examples", "imports", relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
