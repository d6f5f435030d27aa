package dev.threshold.runtime.cluster;

import static dev.threshold.runtime.support.Residents.aResident;
import static dev.threshold.runtime.support.Residents.cedarRidge;
import static dev.threshold.runtime.support.Residents.rating;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes sharing one PostgreSQL database dispatch the outbox without sending a message twice: each sends the
 * partitions it owns, and a batch one node has claimed stays with it while the partition changes hands.
 */
class SharedDispatchTest {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final int PEOPLE = 40;

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2027-03-01T16:00:00Z"));

    @Test
    void each_node_sends_only_its_own_partitions_messages_and_together_they_send_each_once() throws Exception {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            RecordingChannel shared = new RecordingChannel();
            Counting toA = new Counting(shared);
            Counting toB = new Counting(shared);
            try (ThresholdRuntime a = node(ts.store(), "node-a", toA);
                    ThresholdRuntime b = node(ts.store(), "node-b", toB)) {
                prepare(a);
                b.leases().orElseThrow().tick();
                a.leases().orElseThrow().tick();
                b.leases().orElseThrow().tick();
                rate(a);
                drain(a);
                drain(b);

                while (a.dispatcher().dispatchOnce() + b.dispatcher().dispatchOnce() > 0) {
                    // both nodes dispatch until nothing is due
                }

                assertThat(shared.delivered()).hasSize(PEOPLE);
                assertThat(shared.repeats())
                        .as("no message handed to a channel twice")
                        .isEmpty();
                assertThat(toA.sends.get()).as("node A sent its share").isPositive();
                assertThat(toB.sends.get()).as("node B sent its share").isPositive();
                Set<Integer> bOwns = b.leases().orElseThrow().owned().keySet();
                for (OutboundMessage m : toA.seen) {
                    int partition =
                            ts.store().partitions().of("acme", m.contact().orElseThrow());
                    assertThat(bOwns)
                            .as("A sent only partitions B does not own")
                            .doesNotContain(partition);
                }
            }
        }
    }

    @Test
    void a_batch_claimed_before_its_partitions_move_is_not_sent_again_by_the_new_owner() throws Exception {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            RecordingChannel shared = new RecordingChannel();
            Gate gate = new Gate(shared);
            try (ThresholdRuntime a = node(ts.store(), "node-a", gate);
                    ThresholdRuntime b = node(ts.store(), "node-b", shared)) {
                prepare(a);
                rate(a);
                drain(a);
                CompletableFuture<Integer> aDispatches = CompletableFuture.supplyAsync(a.dispatcher()::dispatchOnce);
                assertThat(gate.entered.await(30, TimeUnit.SECONDS))
                        .as("A is sending its batch")
                        .isTrue();

                a.leases().orElseThrow().releaseAll(); // A's partitions move to B while A is still sending
                b.leases().orElseThrow().tick();
                assertThat(b.leases().orElseThrow().owned()).hasSize(64);
                assertThat(b.dispatcher().dispatchOnce())
                        .as("the batch A claimed is not B's to send")
                        .isZero();

                gate.open.countDown();
                assertThat(aDispatches.get(30, TimeUnit.SECONDS)).isEqualTo(PEOPLE);
                assertThat(b.dispatcher().dispatchOnce()).isZero();
                assertThat(shared.delivered()).hasSize(PEOPLE);
                assertThat(shared.repeats()).isEmpty();
            }
        }
    }

    @Test
    void a_batch_claimed_by_a_node_that_died_is_sent_by_the_new_owner_once_the_claim_lapses() throws Exception {
        try (TestStore ts = TestStore.open(Dialect.POSTGRES, dir)) {
            RecordingChannel shared = new RecordingChannel();
            try (ThresholdRuntime b = node(ts.store(), "node-b", shared)) {
                Store store = ts.store();
                ThresholdRuntime a = node(store, "node-a", new Dead());
                prepare(a);
                rate(a);
                drain(a);
                assertThatThrownBy(a.dispatcher()::dispatchOnce) // claims the batch, then dies mid-send
                        .isInstanceOf(Death.class);
                // the node is gone: no release, no heartbeat; its leases run out
                clock.advance(TTL.plusSeconds(1));
                b.leases().orElseThrow().tick();
                assertThat(b.dispatcher().dispatchOnce())
                        .as("A's claim still holds")
                        .isZero();

                clock.advance(Duration.ofMinutes(5));
                b.leases().orElseThrow().tick();
                while (b.dispatcher().dispatchOnce() > 0) {
                    // B sends what A claimed and never sent
                }
                assertThat(shared.delivered()).hasSize(PEOPLE);
                assertThat(shared.repeats()).isEmpty();
            }
        }
    }

    private void prepare(ThresholdRuntime a) throws Exception {
        a.journeys().publishAll("acme", Library.journeysFolder());
        a.directory().saveCommunity("acme", cedarRidge());
        List<ContactView> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(aResident("R-" + i).build());
        }
        a.directory().saveContacts("acme", people);
        a.leases().orElseThrow().tick();
    }

    private void rate(ThresholdRuntime node) {
        for (int i = 0; i < PEOPLE; i++) {
            node.ingest().ingest("acme", rating("e-" + i, "R-" + i, 8, clock.instant()));
        }
    }

    /** Processes what the node owns, without dispatching. */
    private static void drain(ThresholdRuntime node) {
        while (node.worker().processOnce() > 0) {
            // until the node's partitions are caught up
        }
    }

    private ThresholdRuntime node(Store store, String id, ChannelAdapter channel) {
        return ThresholdRuntime.builder(store, clock)
                .actions(Library.actions())
                .channel(channel)
                .cluster(id, TTL)
                .build();
    }

    /** Passes messages on and remembers which this node sent. */
    private static final class Counting implements ChannelAdapter {
        final ChannelAdapter to;
        final AtomicInteger sends = new AtomicInteger();
        final List<OutboundMessage> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        Counting(ChannelAdapter to) {
            this.to = to;
        }

        @Override
        public Set<Channel> channels() {
            return to.channels();
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            sends.incrementAndGet();
            seen.add(message);
            return to.send(message);
        }
    }

    /** Holds the first send until the test opens the gate, like a slow provider. */
    private static final class Gate implements ChannelAdapter {
        final ChannelAdapter to;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        Gate(ChannelAdapter to) {
            this.to = to;
        }

        @Override
        public Set<Channel> channels() {
            return to.channels();
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return to.send(message);
        }
    }

    /** The process ending where it stands: nothing after it runs, nothing is written. */
    private static final class Death extends Error {
        Death() {
            super("the node died mid-send");
        }
    }

    /** A node that dies after claiming: its first send never returns. */
    private static final class Dead implements ChannelAdapter {
        @Override
        public Set<Channel> channels() {
            return Set.of(Channel.values());
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            throw new Death();
        }
    }
}
