package dev.threshold.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's measurements do what their figures claim, on a real SQLite store at a tiny size: no timing is
 * asserted, only that the instances wait, the timers fire, and the comparison journey emails, waits thirty
 * days and texts.
 */
class DurableBenchTest {
    static final Path LIBRARY = Path.of(System.getProperty("threshold.root"), "journeys");

    @TempDir
    Path work;

    @Test
    void promoters_wait_two_hours_and_every_due_timer_fires_when_the_clock_jumps() throws Exception {
        // the two library journeys a promoter's rating runs through (the suite publishes all 28)
        Path journeys = Files.createDirectories(work.resolve("journeys"));
        Files.copy(
                LIBRARY.resolve("retention/nps-feedback-follow-up.yaml"),
                journeys.resolve("nps-feedback-follow-up.yaml"));
        Files.copy(LIBRARY.resolve("growth/referral-journey.yaml"), journeys.resolve("referral-journey.yaml"));
        try (FreshStore fresh = FreshStore.sqlite(work.resolve("db"));
                DurableBench b = new DurableBench(fresh, Optional.of(journeys), 2, 2)) {
            long disk0 = fresh.sizeOnDisk();
            b.start();
            b.produce("w-", 0, 120, b::feedback);
            b.awaitProcessed();
            b.stop();

            DurableBench.Footprint f = b.footprint(DurableBench.heapAfterGc(), disk0);
            assertThat(f.waiting()).isEqualTo(120);
            assertThat(f.diskPerInstance()).isPositive();
            assertThat(b.outbox("review-ask")).isZero();

            DurableBench.Drain d = b.drain(Duration.ofHours(3));
            assertThat(d.due()).isGreaterThanOrEqualTo(120);
            assertThat(b.outbox("review-ask"))
                    .as("a review request per promoter (by email: SMS consent is for transactional messages only)")
                    .isEqualTo(120);
        }
    }

    @Test
    void the_renewal_reminder_emails_at_once_and_texts_thirty_days_later() {
        try (FreshStore fresh = FreshStore.sqlite(work);
                DurableBench b = new DurableBench(fresh, Optional.empty(), 2, 2)) {
            DurableBench.Starts s = b.renewalStarts("r-", 0, 50);
            assertThat(s.emails()).isEqualTo(50);
            assertThat(b.outbox("sms")).isZero();

            DurableBench.Drain d = b.drain(Duration.ofDays(29));
            assertThat(d.due()).isZero();
            assertThat(b.outbox("sms")).isZero();

            b.drain(Duration.ofDays(2));
            assertThat(b.outbox("sms")).isEqualTo(50);
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void a_run_rewrites_the_sections_it_measured_keeps_the_others_and_adds_to_the_history() throws Exception {
        Path file = work.resolve("results.md");
        BenchResults first = new BenchResults("full", "./threshold bench --full");
        first.latency("SQLite", new DurableBench.Latency(1000, 20, 20000, 20000, 4, 16, 40));
        first.finish();
        Files.writeString(file, first.markdown(BenchResults.previous(file)));

        BenchResults waitingOnly = new BenchResults("full", "./threshold bench --full --parts waiting");
        waitingOnly.waiting(
                "SQLite",
                10_000,
                3.5,
                new DurableBench.Footprint(10_000, 30L << 20, 31L << 20, 64_000_000),
                new DurableBench.Drain(10_000, 4.0, 2_000_000_000L));
        waitingOnly.finish();
        Files.writeString(file, waitingOnly.markdown(BenchResults.previous(file)));
        String second = Files.readString(file);

        assertThat(second)
                .contains("| SQLite | ingest → outbox at 1,000 events/s (20 s) | p50 4 ms, p99 16 ms, max 40 ms")
                .contains("`./threshold bench --full`;")
                .contains("| SQLite | 10,000 | 3.5 s | 31 MiB (30 MiB before) | 104 B | 6,400 B | 10,000 in 4.0 s"
                        + " = 2,500/s |");

        BenchResults third = new BenchResults("full", "./threshold bench --full --parts latency");
        third.latency("SQLite", new DurableBench.Latency(1000, 20, 20000, 20000, 5, 18, 60));
        third.finish();
        String md = third.markdown(second);

        assertThat(md).contains("p50 5 ms, p99 18 ms").doesNotContain("p50 4 ms, p99 16 ms");
        assertThat(md).contains("| SQLite | 10,000 | 3.5 s |");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(md.lines().filter(l -> l.startsWith("| " + today)))
                .containsExactly(
                        "| " + today + " | full | SQLite p99 16 ms |",
                        "| " + today + " | full | SQLite 10,000 timers 2,500/s |",
                        "| " + today + " | full | SQLite p99 18 ms |");
    }
}
