package dev.threshold.runtime.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import dev.threshold.runtime.time.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The process the crash test kills: a runtime node with a journaled recording channel and a fast clock (one
 * real second is one hour), feeding the workload in (repeats after a restart are refused as duplicates) while
 * its worker and dispatcher run. In {@code drain} mode, once everything is in and processed, it jumps the clock
 * four months on so every timer falls due, runs until idle and exits 0.
 *
 * <p>Arguments: {@code run|drain JDBC_URL JOURNAL CLOCK_FILE CONTACTS JOURNEYS_DIR}.
 */
public final class CrashNode {
    private static final long SPEEDUP = 3600;

    private CrashNode() {}

    public static void main(String[] args) throws Exception {
        boolean drain = args[0].equals("drain");
        StoreConfig config = args[1].startsWith("jdbc:sqlite:")
                ? new StoreConfig(args[1], "", "", 1, 64)
                : StoreConfig.postgres(args[1], "postgres", "");
        Path journal = Path.of(args[2]);
        Path clockFile = Path.of(args[3]);
        int contacts = Integer.parseInt(args[4]);
        Path journeys = Path.of(args[5]);

        Instant base = Files.exists(clockFile)
                ? Instant.parse(
                        Files.readString(clockFile, StandardCharsets.UTF_8).trim())
                : CrashWorkload.START;
        SettableClock clock = new SettableClock(base);
        long startNanos = System.nanoTime();
        Thread ticking = Thread.ofPlatform().daemon(true).start(() -> {
            while (true) {
                Duration real = Duration.ofNanos(System.nanoTime() - startNanos);
                clock.moveTo(base.plus(real.multipliedBy(SPEEDUP)));
                try {
                    Path tmp = clockFile.resolveSibling(clockFile.getFileName() + ".tmp");
                    Files.writeString(tmp, clock.instant().toString(), StandardCharsets.UTF_8);
                    Files.move(tmp, clockFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                LockSupport.parkNanos(20_000_000L);
            }
        });

        try (Store store = Stores.open(config)) {
            RecordingChannel channel = RecordingChannel.journaled(journal, EnumSet.allOf(Channel.class));
            ThresholdRuntime rt = ThresholdRuntime.builder(store, clock)
                    .actions(dev.threshold.runtime.support.Library.actions())
                    .channel(channel)
                    .batchSize(1000)
                    .workers(2)
                    .build();
            setUp(rt, store, contacts, journeys);
            rt.start();
            feed(rt, contacts);
            System.out.println("FED");
            if (drain) {
                while (rt.worker().hasBacklog()) {
                    LockSupport.parkNanos(50_000_000L);
                }
                rt.close();
                ticking.interrupt();
                clock.moveTo(clock.instant().plus(Duration.ofDays(120)));
                rt.runUntilIdle();
                System.out.println("DRAINED");
                System.exit(0);
            }
            while (true) {
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    private static void setUp(ThresholdRuntime rt, Store store, int contacts, Path journeys) throws Exception {
        rt.journeys().publishAll(CrashWorkload.TENANT, journeys);
        long known = store.read(h ->
                h.createQuery("SELECT COUNT(*) FROM contacts").mapTo(Long.class).one());
        if (known < contacts) {
            rt.directory().saveCommunity(CrashWorkload.TENANT, CrashWorkload.community());
            List<dev.threshold.engine.core.ContactView> all = new ArrayList<>();
            for (int i = 0; i < contacts; i++) {
                all.add(CrashWorkload.resident(i));
            }
            rt.directory().saveContacts(CrashWorkload.TENANT, all);
        }
    }

    private static void feed(ThresholdRuntime rt, int contacts) {
        int total = contacts * CrashWorkload.EVENTS_PER_CONTACT;
        for (int from = 0; from < total; from += 500) {
            List<JsonNode> batch = new ArrayList<>();
            for (int n = from; n < Math.min(total, from + 500); n++) {
                batch.add(CrashWorkload.event(n, contacts));
            }
            for (IngestResult r : rt.ingest().ingest(CrashWorkload.TENANT, batch)) {
                if (r instanceof IngestResult.Rejected rejected) {
                    throw new IllegalStateException(rejected.message());
                }
            }
            while (rt.worker().backlog(20_001) > 20_000) {
                LockSupport.parkNanos(20_000_000L); // let the worker keep up: timers fall due during the feed
            }
        }
    }
}
