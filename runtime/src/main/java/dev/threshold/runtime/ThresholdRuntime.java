package dev.threshold.runtime;

import dev.threshold.domain.DomainActions;
import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.core.Input;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.load.FairHousingPolicy;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.engine.load.OverridesLoader;
import dev.threshold.runtime.cluster.FixedOwnership;
import dev.threshold.runtime.cluster.Ownership;
import dev.threshold.runtime.cluster.PartitionLeases;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.ingest.Ingest;
import dev.threshold.runtime.journey.JourneyCatalog;
import dev.threshold.runtime.outbox.Backoff;
import dev.threshold.runtime.outbox.Channels;
import dev.threshold.runtime.outbox.DeadLetters;
import dev.threshold.runtime.outbox.Dispatcher;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.processing.InputLog;
import dev.threshold.runtime.processing.Worker;
import dev.threshold.runtime.processing.Workers;
import dev.threshold.runtime.property.ImportingRecords;
import dev.threshold.runtime.property.StoredProperties;
import dev.threshold.runtime.property.TenantRecords;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.timer.TimerPump;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable runtime, put together: ingest, the directory of people and places, the journey catalog, a worker
 * over all partitions, the timer pump and the outbox dispatcher, over one store and one clock. Tests drive it
 * step by step with {@link #runUntilIdle()}; a server calls {@link #start()} to run it on its own threads.
 *
 * <pre>{@code
 * try (ThresholdRuntime rt = ThresholdRuntime.builder(store, clock).channel(new RecordingChannel()).build()) {
 *     rt.journeys().publishAll("acme", Path.of("journeys"));
 *     rt.ingest().ingest("acme", envelope);
 *     rt.runUntilIdle();
 * }
 * }</pre>
 */
public final class ThresholdRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdRuntime.class);
    /**
     * How long a worker waits before looking again when it found nothing to do. Ingest on this node wakes it at
     * once; the pause is for events other nodes append.
     */
    private static final long IDLE_NANOS = 5_000_000L;
    /**
     * The same for the dispatcher: this node's workers wake it when they queue messages; the pause is for retries
     * falling due and the few messages queued elsewhere (replies to texts).
     */
    private static final long DISPATCH_IDLE_NANOS = 50_000_000L;
    /** The same for the timer pump, which also holds back while the workers have a backlog. */
    private static final long TIMER_IDLE_NANOS = 50_000_000L;

    private final Store store;
    private final InstantSource clock;
    private final Ingest ingest;
    private final Directory directory;
    private final JourneyCatalog journeys;
    private final Workers worker;
    private final TimerPump timers;
    private final Dispatcher dispatcher;
    private final DeadLetters deadLetters;
    private final StoredProperties properties;
    private final Optional<PartitionLeases> leases;
    private final Duration leaseTick;
    private final Messaging messaging;
    private final List<Thread> threads = new ArrayList<>();
    private final Nudge workersNudge = new Nudge();
    private final Nudge dispatcherNudge = new Nudge();
    private volatile boolean running;

    private ThresholdRuntime(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        EventCatalog events = b.events;
        this.ingest = new Ingest(store, events, clock, workersNudge);
        this.directory = new Directory(store, clock);
        this.journeys = new JourneyCatalog(
                store,
                clock,
                new JourneyLoader(events, b.actions),
                new OverridesLoader(events, FairHousingPolicy.federal()),
                b.actions);
        this.properties = new StoredProperties(store, clock);
        this.leases = b.node.map(node -> new PartitionLeases(store, clock, node, b.leaseTtl));
        this.leaseTick = b.leaseTtl.dividedBy(4);
        this.worker = new Workers(workers(b, journeys, new TenantRecords(), leases, dispatcherNudge));
        this.timers = new TimerPump(store, clock, b.timerBatch, worker::backlog, b.timerBatch);
        this.messaging = Messaging.from(b.channelSettings, store, clock);
        List<ChannelAdapter> adapters = new ArrayList<>(b.channels); // given ones first: the first for a channel wins
        adapters.addAll(messaging.adapters());
        // sharing the store (leases, or partitions given to this process): dispatch what this node owns, claimed
        Optional<Ownership> dispatches = leases.<Ownership>map(l -> l)
                .or(() -> b.partitions.isEmpty() ? Optional.empty() : Optional.of(new FixedOwnership(b.partitions)));
        this.dispatcher = new Dispatcher(
                store,
                b.guardrails,
                new Channels(adapters),
                b.backoff,
                clock,
                b.dispatchBatch,
                dispatches.map(o -> new Dispatcher.Sharing(o, b.dispatchClaim)));
        this.deadLetters = new DeadLetters(store, clock);
    }

    /**
     * The node's workers, each taking partition mod n of what the node owns: every partition, the ones given, or
     * (in a cluster) the ones it holds leases on at the moment.
     */
    private static List<Worker> workers(
            Builder b,
            JourneyCatalog journeys,
            TenantRecords records,
            Optional<PartitionLeases> leases,
            Runnable queuedMessages) {
        int p = b.store.partitions().count();
        java.util.Set<Integer> mine = b.partitions.isEmpty() ? allOf(p) : b.partitions;
        int n = Math.max(1, Math.min(b.workers, mine.size()));
        List<Worker> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int index = i;
            Ownership share = leases.<Ownership>map(l -> l.share(x -> x % n == index))
                    .orElseGet(() -> new FixedOwnership(
                            mine.stream().filter(x -> x % n == index).collect(java.util.stream.Collectors.toSet())));
            out.add(new Worker(b.store, journeys, b.clock, share, b.batchSize, b.extensions, records, queuedMessages));
        }
        return out;
    }

    private static java.util.Set<Integer> allOf(int count) {
        java.util.Set<Integer> all = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    public static Builder builder(Store store, InstantSource clock) {
        return new Builder(store, clock);
    }

    public Store store() {
        return store;
    }

    /** This node's partition leases, when it shares the store with other nodes. */
    public Optional<PartitionLeases> leases() {
        return leases;
    }

    public Ingest ingest() {
        return ingest;
    }

    public Directory directory() {
        return directory;
    }

    public JourneyCatalog journeys() {
        return journeys;
    }

    public Workers worker() {
        return worker;
    }

    public TimerPump timers() {
        return timers;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** The tenants' property records (communities, units, leases, policies…) the domain's actions read. */
    public StoredProperties properties() {
        return properties;
    }

    /** Imports of property data (MITS, CSV) into the tenants' records, with the events they imply. */
    public ImportingRecords importing() {
        return new ImportingRecords(properties, ingest, clock);
    }

    /** The channels' entry points for the API: inbound texts, delivery statuses, unsubscribes, portal, consent. */
    public Messaging messaging() {
        return messaging;
    }

    /** Queues a person's command (cancel, pause, resume, take over) on an instance of a contact. */
    public void command(String tenant, String contact, Input.Command command, String key) {
        store.write(h -> {
            InputLog.append(
                    h.getConnection(),
                    store.dialect(),
                    List.of(new InputLog.Entry(
                            tenant,
                            key,
                            store.partitions().of(tenant, contact),
                            InputLog.Kind.COMMAND,
                            Optional.of(contact),
                            "command." + command.kind().name().toLowerCase(java.util.Locale.ROOT),
                            clock.instant(),
                            StateJson.write(command))),
                    clock.instant());
            return null;
        });
    }

    /** One round: fire a batch of due timers, process a batch of inputs, dispatch a batch of messages. */
    public int step() {
        return timers.fireDue() + worker.processOnce() + dispatcher.dispatchOnce();
    }

    /**
     * Runs rounds until nothing is left to do at the clock's current time; returns how much was done. Inputs
     * appended by transactions still open elsewhere (PostgreSQL) are waited for, not left behind.
     */
    public long runUntilIdle() {
        long total = 0;
        while (true) {
            int done = step();
            if (done > 0) {
                total += done;
            } else if (worker.hasBacklog()) {
                LockSupport.parkNanos(1_000_000L);
            } else {
                return total;
            }
        }
    }

    /** Runs the worker (with the timer pump) and the dispatcher on threads of their own until closed. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        leases.ifPresent(l -> {
            l.tick(); // take this node's share before the workers start
            threads.add(loop(
                    "threshold-leases",
                    () -> {
                        l.tick();
                        return 0; // a heartbeat, then a pause
                    },
                    leaseTick.toNanos()));
        });
        // timers are planned to the minute, not the millisecond: their pump looks less often when idle
        threads.add(loop("threshold-timers", timers::fireDue, TIMER_IDLE_NANOS));
        for (int i = 0; i < worker.all().size(); i++) {
            Thread t = loop("threshold-worker-" + i, worker.all().get(i)::processOnce, IDLE_NANOS);
            threads.add(t);
            workersNudge.add(t);
        }
        Thread d = loop("threshold-dispatcher", dispatcher::dispatchOnce, DISPATCH_IDLE_NANOS);
        threads.add(d);
        dispatcherNudge.add(d);
    }

    private Thread loop(String name, java.util.function.IntSupplier round, long idleNanos) {
        return Thread.ofPlatform().name(name).start(() -> {
            while (running) {
                try {
                    if (round.getAsInt() == 0) {
                        LockSupport.parkNanos(idleNanos);
                    }
                } catch (RuntimeException e) {
                    LOG.error("{} failed a round; trying again in a second", name, e);
                    LockSupport.parkNanos(1_000_000_000L);
                }
            }
        });
    }

    /** Whether {@link #start()} ran and every one of its threads is still alive. */
    public synchronized boolean running() {
        return running && !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    /** Stops the threads (if started) after their current round; the store stays open. */
    @Override
    public synchronized void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        workersNudge.clear();
        dispatcherNudge.clear();
        leases.ifPresent(PartitionLeases::releaseAll); // hand over at once instead of after the leases expire
    }

    /** How to build a runtime; everything but the store and the clock has a default. */
    public static final class Builder {
        private final Store store;
        private final InstantSource clock;
        private EventCatalog events = EventCatalog.builtIn();
        private ActionRegistry actions = DomainActions.registry();
        private Guardrails guardrails = Guardrails.defaults();
        private final List<ChannelAdapter> channels = new ArrayList<>();
        private Optional<dev.threshold.runtime.outbox.channel.ChannelSettings> channelSettings = Optional.empty();
        private Backoff backoff = Backoff.defaults();
        private Set<Integer> partitions = Set.of();
        private Optional<String> node = Optional.empty();
        private Duration leaseTtl = Duration.ofSeconds(10);
        private Map<Class<?>, Object> extensions = Map.of();
        private int batchSize = 500;
        private int workers = 1;
        private int timerBatch = 500;
        private int dispatchBatch = 200;
        private Duration dispatchClaim = Duration.ofMinutes(5);

        private Builder(Store store, InstantSource clock) {
            this.store = store;
            this.clock = clock;
        }

        public Builder events(EventCatalog catalog) {
            this.events = catalog;
            return this;
        }

        public Builder actions(ActionRegistry registry) {
            this.actions = registry;
            return this;
        }

        public Builder guardrails(Guardrails g) {
            this.guardrails = g;
            return this;
        }

        public Builder channel(ChannelAdapter adapter) {
            this.channels.add(adapter);
            return this;
        }

        /** Email, SMS, webhooks and unsubscribe links as configured; checked when the runtime is built. */
        public Builder channelSettings(dev.threshold.runtime.outbox.channel.ChannelSettings settings) {
            this.channelSettings = Optional.of(settings);
            return this;
        }

        public Builder backoff(Backoff b) {
            this.backoff = b;
            return this;
        }

        /**
         * Shares the store's partitions with other nodes by lease, as this node (an id unique in the cluster); a
         * lease lasts {@code ttl} unrenewed and is renewed four times as often. For PostgreSQL.
         */
        public Builder cluster(String nodeId, Duration ttl) {
            this.node = Optional.of(nodeId);
            this.leaseTtl = ttl;
            return this;
        }

        /** The partitions this node works on; all when not given. */
        public Builder partitions(Set<Integer> owned) {
            this.partitions = Set.copyOf(owned);
            return this;
        }

        public Builder extensions(Map<Class<?>, Object> ext) {
            this.extensions = Map.copyOf(ext);
            return this;
        }

        /** Worker threads, each owning partition mod n (default 1). */
        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        /** Inputs per worker transaction. */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Timers moved per round, and the worker backlog above which none are moved. */
        public Builder timerBatch(int n) {
            this.timerBatch = n;
            return this;
        }

        /**
         * How long a batch one node's dispatcher claimed stays hidden from the other nodes' (default five minutes):
         * longer than a batch takes to send, since no send starts after three fifths of it. A node that dies
         * mid-batch leaves its claimed messages to the others after this.
         */
        public Builder dispatchClaim(Duration claim) {
            if (claim.toSeconds() < 1) {
                throw new IllegalArgumentException("a dispatch claim lasts at least a second: " + claim);
            }
            this.dispatchClaim = claim;
            return this;
        }

        public Builder dispatchBatch(int n) {
            this.dispatchBatch = n;
            return this;
        }

        public ThresholdRuntime build() {
            return new ThresholdRuntime(this);
        }
    }
}
