package dev.threshold.runtime.outbox.channel;

import dev.threshold.engine.journey.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
 * reads it from outside. Several processes may share one journal, as nodes of a cluster share one provider: each
 * send locks the file, reads what the others appended since, and only then decides whether the key is new.
 */
public final class RecordingChannel implements ChannelAdapter {
    private final Set<Channel> channels;
    private final Map<String, OutboundMessage> delivered = new LinkedHashMap<>();
    private final List<String> repeats = new ArrayList<>();
    private final Optional<FileChannel> journal;
    private long journalRead;

    /** An in-memory recording for every channel. */
    public RecordingChannel() {
        this(EnumSet.allOf(Channel.class), Optional.empty());
    }

    /** A recording kept in a journal file, reloaded when it exists. */
    public static RecordingChannel journaled(Path file, Set<Channel> channels) {
        try {
            Map<String, Boolean> known = new LinkedHashMap<>();
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder); // a node on PostgreSQL has no store file that would have made it
            }
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith("delivered ")) {
                        known.put(line.substring("delivered ".length()), true);
                    }
                }
            }
            FileChannel out = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            RecordingChannel r = new RecordingChannel(channels, Optional.of(out));
            known.keySet().forEach(k -> r.delivered.put(k, null));
            r.journalRead = out.size();
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
        if (journal.isEmpty()) {
            return record(message);
        }
        FileChannel f = journal.get();
        try (FileLock lock = f.lock()) {
            catchUp(f);
            return record(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the channel journal", e);
        }
    }

    private DeliveryResult record(OutboundMessage message) {
        if (delivered.containsKey(message.key())) {
            repeats.add(message.key());
            write("repeat " + message.key());
            return new DeliveryResult.AlreadyDelivered("already delivered under key " + message.key());
        }
        write("delivered " + message.key());
        delivered.put(message.key(), message);
        return new DeliveryResult.Delivered("recorded");
    }

    /** Reads the lines other processes appended since this one last looked (a killed writer leaves whole lines). */
    private void catchUp(FileChannel f) throws IOException {
        long size = f.size();
        if (size <= journalRead) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - journalRead));
        while (buffer.hasRemaining() && f.read(buffer, journalRead + buffer.position()) > 0) {
            // read until the end seen under the lock
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        for (String line : text.substring(0, end).split("\n")) {
            if (line.startsWith("delivered ")) {
                delivered.putIfAbsent(line.substring("delivered ".length()), null);
            }
        }
        journalRead += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
    }

    private void write(String line) {
        journal.ifPresent(f -> {
            try {
                // one write per line, at the end: a process killed mid-way leaves whole lines behind
                long at = f.size();
                ByteBuffer last = ByteBuffer.allocate(1);
                boolean torn = at > 0 && f.read(last, at - 1) == 1 && last.get(0) != '\n';
                String text = (torn ? "\n" : "") + line + "\n"; // a killer's torn last line stays apart
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    at += f.write(bytes, at);
                }
                journalRead = at;
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
