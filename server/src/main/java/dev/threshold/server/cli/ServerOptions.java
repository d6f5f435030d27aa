package dev.threshold.server.cli;

import dev.threshold.server.config.ConfigLoader;
import dev.threshold.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration of {@code serve} and of the commands that share its store ({@code keys}, {@code webhooks}). */
public final class ServerOptions {
    static final Path DEFAULT_FILE = Path.of("threshold.yaml");

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the YAML configuration (default: threshold.yaml when it exists); THRESHOLD_* environment"
                    + " variables override it")
    Path file;

    ServerConfig load() {
        Optional<Path> f =
                Optional.ofNullable(file).or(() -> Optional.of(DEFAULT_FILE).filter(Files::exists));
        if (file != null && !Files.exists(file)) {
            throw new IllegalArgumentException("the configuration file " + file + " does not exist");
        }
        return ConfigLoader.load(f, System.getenv());
    }
}
