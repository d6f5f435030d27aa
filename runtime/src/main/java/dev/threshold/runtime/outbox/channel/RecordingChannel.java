package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.journey.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A channel that records what it is given instead of sending it, and dedupes by message key as a real
 * provider's idempotency key would: a second message with a delivered key is answered
 * {@link DeliveryResult.AlreadyDelivered} and counted as a repeat. With a journal file, the record survives
 * the process (one line per attempt: {@code delivered KEY} or {@code repeat KEY}), which is how the crash test
 * reads it from outside.
 */
public final class RecordingChannel implements ChannelAdapter {
    private final Set<Channel> channels;
    private final Map<String, OutboundMessage> delivered = new LinkedHashMap<>();
    private final List<String> repeats = new ArrayList<>();
    private final Optional<FileChannel> journal;

    /** An in-memory recording for every channel. */
    public RecordingChannel() {
        this(EnumSet.allOf(Channel.class), Optional.empty());
    }

    /** A recording kept in a journal file, reloaded when it exists. */
    public static RecordingChannel journaled(Path file, Set<Channel> channels) {
        try {
            Map<String, Boolean> known = new LinkedHashMap<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("delivered ")) {
                        known.put(line.substring("delivered ".length()), true);
                    }
                }
            }
            FileChannel out = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            RecordingChannel r = new RecordingChannel(channels, Optional.of(out));
            known.keySet().forEach(k -> r.delivered.put(k, null));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the channel journal " + file, e);
        }
    }

    public RecordingChannel(Set<Channel> channels) {
        this(channels, Optional.empty());
    }

    private RecordingChannel(Set<Channel> channels, Optional<FileChannel> journal) {
        this.channels = Set.copyOf(channels);
        this.journal = journal;
    }

    @Override
    public Set<Channel> channels() {
        return channels;
    }

    @Override
    public synchronized DeliveryResult send(OutboundMessage message) {
        if (delivered.containsKey(message.key())) {
            repeats.add(message.key());
            write("repeat " + message.key());
            return new DeliveryResult.AlreadyDelivered("already delivered under key " + message.key());
        }
        write("delivered " + message.key());
        delivered.put(message.key(), message);
        return new DeliveryResult.Delivered("recorded");
    }

    private void write(String line) {
        journal.ifPresent(f -> {
            try {
                // one write per line: a process killed mid-way leaves whole lines behind
                f.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the channel journal", e);
            }
        });
    }

    /** The messages delivered, in order, by key (from a reloaded journal, the keys only, with null messages). */
    public synchronized Map<String, OutboundMessage> delivered() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(delivered));
    }

    /** The keys that came again after they were delivered. */
    public synchronized List<String> repeats() {
        return List.copyOf(repeats);
    }
}
