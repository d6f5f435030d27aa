package dev.threshold.runtime.cluster;

import static dev.threshold.runtime.support.Residents.aResident;
import static dev.threshold.runtime.support.Residents.cedarRidge;
import static dev.threshold.runtime.support.Residents.rating;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.engine.core.ContactView;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes over one PostgreSQL database share the partitions, take over a dead node's, and fence a stale one. */
class PartitionLeasesTest {
    private static final Duration TTL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2027-03-01T16:00:00Z"));

    @Test
    void two_nodes_split_the_partitions_between_them_and_neither_holds_one_the_other_holds() {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            PartitionLeases a = new PartitionLeases(ts.store(), clock, "node-a", TTL);
            PartitionLeases b = new PartitionLeases(ts.store(), clock, "node-b", TTL);

            a.tick();
            assertThat(a.owned()).as("alone, node A takes every partition").hasSize(64);
            b.tick(); // B is seen alive; A still holds everything
            a.tick(); // A hands B's share over
            b.tick(); // B takes it

            assertThat(a.owned().keySet()).doesNotContainAnyElementsOf(b.owned().keySet());
            Set<Integer> both = new HashSet<>(a.owned().keySet());
            both.addAll(b.owned().keySet());
            assertThat(both).hasSize(64);
            assertThat(a.owned().size())
                    .as("a fair share, by rendezvous hashing")
                    .isBetween(20, 44);
        }
    }

    @Test
    void a_node_that_stops_renewing_loses_its_partitions_to_the_living_one_after_the_lease_ends() {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            PartitionLeases a = new PartitionLeases(ts.store(), clock, "node-a", TTL);
            PartitionLeases b = new PartitionLeases(ts.store(), clock, "node-b", TTL);
            a.tick();
            b.tick();
            a.tick();
            b.tick();
            Map<Integer, Long> bHeld = b.owned();

            clock.advance(Duration.ofSeconds(5));
            a.tick();
            assertThat(a.owned())
                    .as("B's leases have not ended yet")
                    .doesNotContainKeys(bHeld.keySet().toArray(Integer[]::new));

            clock.advance(Duration.ofSeconds(6)); // B silent for 11 s: its leases and its heartbeat are past
            a.tick();
            assertThat(a.owned()).hasSize(64);
            bHeld.forEach((p, epoch) ->
                    assertThat(a.owned().get(p)).as("epoch of partition " + p).isEqualTo(epoch + 1));
        }
    }

    @Test
    void a_stale_owner_cannot_commit_for_a_partition_another_node_took_over() {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            Store store = ts.store();
            PartitionLeases a = new PartitionLeases(store, clock, "node-a", TTL);
            PartitionLeases b = new PartitionLeases(store, clock, "node-b", TTL);
            b.tick();
            Map<Integer, Long> stale = b.owned(); // B read these, then paused for longer than its leases

            clock.advance(Duration.ofSeconds(11));
            a.tick();

            assertThatThrownBy(() -> store.write(h -> {
                        b.fence(h.getConnection(), stale);
                        return null;
                    }))
                    .isInstanceOf(Ownership.Fenced.class)
                    .hasMessageContaining("node-b no longer holds partitions");
            assertThat(b.owned()).as("B forgets what it lost").isEmpty();
        }
    }

    @Test
    void events_processed_by_two_nodes_that_trade_partitions_midway_are_each_processed_once() throws Exception {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            Store store = ts.store();
            RecordingChannel channel = new RecordingChannel();
            try (ThresholdRuntime a = node(store, "node-a", channel);
                    ThresholdRuntime b = node(store, "node-b", channel)) {
                a.journeys().publishAll("acme", Library.journeysFolder());
                a.directory().saveCommunity("acme", cedarRidge());
                List<ContactView> people = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    people.add(aResident("R-" + i).build());
                }
                a.directory().saveContacts("acme", people);
                a.leases().orElseThrow().tick(); // A alone: everything
                for (int i = 0; i < 150; i++) {
                    a.ingest().ingest("acme", rating("e-" + i, "R-" + i, 8, clock.instant()));
                }
                a.worker().processOnce();
                b.leases().orElseThrow().tick(); // B joins mid-way
                a.leases().orElseThrow().tick();
                b.leases().orElseThrow().tick();
                for (int i = 150; i < 300; i++) {
                    b.ingest().ingest("acme", rating("e-" + i, "R-" + i, 8, clock.instant()));
                }
                for (int round = 0; round < 50; round++) {
                    a.runUntilIdle();
                    b.runUntilIdle();
                }

                long entered = store.read(h -> h.createQuery("SELECT COUNT(*) FROM facts WHERE tenant_id = 'acme'"
                                + " AND kind = 'entered' AND journey_id = 'nps-feedback-follow-up'")
                        .mapTo(Long.class)
                        .one());
                long thanks = store.read(h -> h.createQuery("SELECT COUNT(DISTINCT message_key) FROM outbox"
                                + " WHERE tenant_id = 'acme' AND journey_id = 'nps-feedback-follow-up'")
                        .mapTo(Long.class)
                        .one());
                assertThat(entered).as("each rating entered once").isEqualTo(300);
                assertThat(thanks).as("each rating thanked once").isEqualTo(300);
                assertThat(channel.delivered()).hasSize(300);
            }
        }
    }

    private ThresholdRuntime node(Store store, String id, RecordingChannel channel) {
        return ThresholdRuntime.builder(store, clock)
                .actions(Library.actions())
                .channel(channel)
                .cluster(id, TTL)
                .build();
    }
}
