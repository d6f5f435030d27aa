package dev.threshold.server.serve;

import dev.threshold.domain.DomainActions;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.load.JourneyLoader;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.Stores;
import dev.threshold.server.auth.ApiKeys;
import dev.threshold.server.auth.Gate;
import dev.threshold.server.auth.RateLimiter;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.dashboard.Dashboard;
import dev.threshold.server.http.ApiServer;
import dev.threshold.server.http.Routes;
import dev.threshold.server.ops.Metrics;
import dev.threshold.server.stream.JetStreamIngest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code threshold serve} put together: the store, the durable runtime on its threads, and the HTTP API over both.
 * Closing it stops in order — no new connections, requests in flight finish, the runtime finishes its rounds, the
 * store commits what is queued — so a stop loses nothing that was acknowledged.
 */
public final class ThresholdService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThresholdService.class);

    private final Store store;
    private final ThresholdRuntime runtime;
    private final ApiServer http;
    private final ApiKeys keys;
    private final Optional<JetStreamIngest> stream;

    private ThresholdService(
            Store store, ThresholdRuntime runtime, ApiServer http, ApiKeys keys, Optional<JetStreamIngest> stream) {
        this.store = store;
        this.runtime = runtime;
        this.http = http;
        this.keys = keys;
        this.stream = stream;
    }

    /**
     * Opens the store, starts the runtime (unless {@code runWorkers} is false: tests then drive it with {@link
     * ThresholdRuntime#runUntilIdle()}) and the HTTP server.
     */
    public static ThresholdService start(ServerConfig config, InstantSource clock, boolean runWorkers, Path library) {
        return start(config, clock, runWorkers, library, Extras.none(clock));
    }

    /**
     * What a service may have besides {@code threshold serve}'s: channels that really send (instead of the message
     * journal), dashboard pages of its own behind the same sign-in, and the clock people live by — sessions, key
     * creation and rate limits — when the runtime's clock is a simulated one ({@code threshold demo}).
     */
    public record Extras(Optional<ChannelSettings> channels, InstantSource wallClock, List<Dashboard.Extra> pages) {
        public Extras {
            pages = List.copyOf(pages);
        }

        /** Nothing more than {@code threshold serve}: messages journaled, one clock for everything. */
        public static Extras none(InstantSource clock) {
            return new Extras(Optional.empty(), clock, List.of());
        }
    }

    /** The same, with extras (see {@link Extras}). */
    public static ThresholdService start(
            ServerConfig config, InstantSource clock, boolean runWorkers, Path library, Extras extras) {
        Store store = Stores.open(config.store());
        try {
            ThresholdRuntime.Builder builder = ThresholdRuntime.builder(store, clock)
                    .actions(DomainActions.registry())
                    .workers(config.runtime().workers());
            Optional<ChannelSettings> channels = extras.channels().or(config::channels); // the demo's sinks, or serve's
            channels.ifPresent(builder::channelSettings);
            // email and SMS with no settings are recorded to the journal, not sent; the portal needs no settings
            EnumSet<Channel> journaled = EnumSet.noneOf(Channel.class);
            if (channels.flatMap(ChannelSettings::email).isEmpty()) {
                journaled.add(Channel.EMAIL);
            }
            if (channels.flatMap(ChannelSettings::sms).isEmpty()) {
                journaled.add(Channel.SMS);
            }
            if (!journaled.isEmpty()) {
                builder.channel(RecordingChannel.journaled(config.runtime().journal(), journaled));
            }
            config.cluster()
                    .node()
                    .ifPresent(node -> builder.cluster(node, config.cluster().lease())
                            .dispatchClaim(config.cluster().dispatchClaim()));
            ThresholdRuntime runtime = builder.build();
            ApiKeys keys = new ApiKeys(store, extras.wallClock(), new SecureRandom());
            RateLimiter limiter = new RateLimiter(
                    config.limits().ratePerSecond(), config.limits().rateBurst(), extras.wallClock());
            JourneyLoader loader = new JourneyLoader(EventCatalog.builtIn(), DomainActions.registry());
            Metrics metrics = new Metrics();
            ApiResources resources = new ApiResources(new ApiResources.Parts(
                    config, store, runtime, keys, limiter, clock, loader, library, runWorkers, metrics, extras));
            if (runWorkers) {
                runtime.start();
            }
            Optional<JetStreamIngest> stream = config.stream()
                    .natsUrl()
                    .map(url -> JetStreamIngest.start(
                            new JetStreamIngest.Source(
                                    url,
                                    config.stream().stream(),
                                    config.stream().subjects(),
                                    config.stream().durable(),
                                    config.stream().ackWait()),
                            runtime.ingest(),
                            metrics));
            ApiServer http = ApiServer.start(
                    config.http().host(),
                    config.http().port(),
                    config.limits().maxBodyBytes(),
                    config.http().shutdownGrace(),
                    new Gate(keys, limiter),
                    resources.all());
            LOG.info("serving on {}:{} over {}", config.http().host(), http.port(), store.describe());
            stream.ifPresent(s -> LOG.info("ingesting events from {}", s));
            return new ThresholdService(store, runtime, http, keys, stream);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    public ThresholdRuntime runtime() {
        return runtime;
    }

    public Store store() {
        return store;
    }

    public ApiKeys keys() {
        return keys;
    }

    public List<Routes.Route> routes() {
        return http.routes();
    }

    /** The dashboard's pages. */
    public List<Routes.Route> pages() {
        return http.pages();
    }

    @Override
    public void close() {
        LOG.info("stopping: no new requests; finishing those in flight");
        http.close();
        stream.ifPresent(JetStreamIngest::close);
        runtime.close();
        store.close();
        LOG.info("stopped");
    }
}
