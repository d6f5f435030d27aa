package dev.threshold.server.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the demo's local SMTP server and SMS endpoint received, as received, kept in memory and appended to a file
 * ({@code sink.jsonl} in the demo folder) so that a resumed demo still shows what earlier runs delivered.
 */
public final class Sink implements AutoCloseable {
    private static final ObjectMapper JSON =
            new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module());

    /**
     * One message as the sink got it.
     *
     * @param at when it arrived, on the demo's simulated clock
     * @param channel {@code email} or {@code sms}
     * @param key the message key Threshold sent it under ({@code X-Threshold-Message-Key}, {@code Idempotency-Key})
     * @param headers for email, its main headers as sent (From, To, Subject, Message-ID…)
     * @param subject the subject of an email; empty for a text
     * @param body the plain text of an email, the text of an SMS
     */
    public record Message(
            Instant at,
            String channel,
            String key,
            String from,
            String to,
            Map<String, String> headers,
            String subject,
            String body) {
        public Message {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private final BufferedWriter file;

    private Sink(List<Message> earlier, BufferedWriter file) {
        this.messages.addAll(earlier);
        this.file = file;
    }

    /** The sink kept in {@code file}, with what it holds already. */
    public static Sink open(Path file) {
        try {
            List<Message> earlier = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        earlier.add(JSON.readValue(line, Message.class));
                    }
                }
            }
            return new Sink(
                    earlier,
                    Files.newBufferedWriter(
                            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's message sink " + file, e);
        }
    }

    /** Takes a message in as it came: a message sent twice is there twice, as it would be in an inbox. */
    public synchronized void add(Message m) {
        messages.add(m);
        try {
            file.write(JSON.writeValueAsString(m));
            file.newLine();
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's message sink", e);
        }
    }

    /** Newest first, those that match, at most {@code limit}. */
    public synchronized List<Message> newest(Predicate<Message> which, int limit) {
        List<Message> out = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (which.test(messages.get(i))) {
                out.add(messages.get(i));
            }
        }
        return out;
    }

    /** Messages to any of these addresses (a contact's email and phone). */
    public static Predicate<Message> to(Set<String> addresses) {
        return m -> addresses.contains(m.to());
    }

    public synchronized int count(Optional<String> channel) {
        return (int) messages.stream()
                .filter(m -> channel.map(m.channel()::equals).orElse(true))
                .count();
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
