package dev.threshold.runtime.timer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.engine.core.ContactView;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TimerCatchUpTest {
    private static final String TENANT = "acme";
    private static final Instant T0 = Instant.parse("2027-03-01T16:00:00Z");
    private static final int PROMOTERS = 1_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void after_downtime_overdue_timers_fire_oldest_first_in_bounded_batches_between_fresh_events(Dialect dialect)
            throws Exception {
        SettableClock clock = new SettableClock(T0);
        try (TestStore ts = TestStore.open(dialect, dir);
                ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                        .actions(dev.threshold.runtime.support.Library.actions())
                        .channel(new RecordingChannel())
                        .timerBatch(100)
                        .build()) {
            rt.journeys().publishAll(TENANT, Library.fixtureFolder());
            rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
            List<ContactView> residents = new ArrayList<>();
            List<JsonNode> ratings = new ArrayList<>();
            for (int i = 0; i < PROMOTERS; i++) {
                residents.add(Residents.aResident("R-" + i).build());
            }
            rt.directory().saveContacts(TENANT, residents);
            // promoters rate one second apart: each waits two hours before its review request
            for (int i = PROMOTERS - 1; i >= 0; i--) {
                clock.moveTo(T0.plusSeconds(PROMOTERS - 1 - i));
                rt.ingest().ingest(TENANT, Residents.rating("evt-" + i, "R-" + i, 10, clock.instant()));
                rt.worker().processOnce();
            }
            assertThat(rt.timers().pending()).isGreaterThanOrEqualTo(PROMOTERS);

            clock.moveTo(T0.plus(Duration.ofHours(30))); // the node was down for a day
            int firstBatch = rt.timers().fireDue();
            rt.ingest().ingest(TENANT, Residents.rating("fresh", "R-0", 3, clock.instant()));
            rt.step();

            assertThat(firstBatch).as("timers moved in one round").isEqualTo(100);
            assertThat(firedInOrder(ts)).as("the oldest fire first").isSorted().hasSize(100);
            assertThat(processed(ts, "fresh"))
                    .as("the fresh event is processed before the backlog")
                    .isTrue();
            assertThat(due(ts, clock.instant()))
                    .as("overdue timers still waiting")
                    .isEqualTo(PROMOTERS - 100);

            rt.runUntilIdle();
            assertThat(firedInOrder(ts)).isSorted().hasSize(PROMOTERS);
            assertThat(due(ts, clock.instant())).isZero();
        }
    }

    private static List<Instant> firedInOrder(TestStore ts) {
        return ts.store()
                .read(h -> h.createQuery(
                                "SELECT occurred_at FROM event_log WHERE kind = 'timer' AND type = 'timer.step' ORDER BY seq")
                        .mapTo(Long.class)
                        .map(Instant::ofEpochMilli)
                        .list());
    }

    private static long due(TestStore ts, Instant now) {
        return ts.store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM timers WHERE due_at <= :now")
                        .bind("now", now.toEpochMilli())
                        .mapTo(Long.class)
                        .one());
    }

    private static boolean processed(TestStore ts, String key) {
        return ts.store()
                        .read(h -> h.createQuery(
                                        "SELECT COUNT(*) FROM event_log e JOIN partition_offsets o"
                                                + " ON o.partition = e.partition WHERE e.event_key = :k AND o.last_seq >= e.seq")
                                .bind("k", key)
                                .mapTo(Long.class)
                                .one())
                == 1;
    }
}
