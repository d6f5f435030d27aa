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
    void the_results_file_keeps_the_history_of_earlier_runs_and_adds_this_one() throws Exception {
        Path file = work.resolve("results.md");
        BenchSuite.Results first = new BenchSuite.Results("short", "./threshold bench --short");
        first.latency("SQLite", new DurableBench.Latency(1000, 2, 2000, 2000, 4, 16, 40));
        first.finish();
        Files.writeString(file, first.markdown(BenchSuite.Results.history(file)));

        BenchSuite.Results second = new BenchSuite.Results("full", "./threshold bench --full");
        second.latency("SQLite", new DurableBench.Latency(1000, 20, 20000, 20000, 5, 18, 60));
        second.finish();
        String md = second.markdown(BenchSuite.Results.history(file));

        assertThat(md).contains("| SQLite | ingest → outbox at 1,000 events/s (20 s) | p50 5 ms, p99 18 ms");
        assertThat(md).doesNotContain("p50 4 ms, p99 16 ms, max 40 ms (2,000 measured)");
        assertThat(md.lines().filter(l -> l.contains("SQLite p99")))
                .containsExactly(
                        "| " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " | short | SQLite p99 16 ms |",
                        "| " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + " | full | SQLite p99 18 ms |");
    }
}
