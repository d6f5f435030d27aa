package dev.threshold.runtime.outbox.channel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A password, token or signing key from the configuration. It never prints itself, so a settings record in a
 * log or an error message leaks nothing.
 */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
