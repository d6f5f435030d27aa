package dev.threshold.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threshold.domain.generator.ActivityGenerator;
import dev.threshold.domain.generator.PortfolioGenerator;
import dev.threshold.domain.generator.SyntheticPortfolio;
import dev.threshold.domain.property.ChangeSet;
import dev.threshold.engine.core.StateJson;
import dev.threshold.engine.event.Event;
import dev.threshold.engine.event.EventCodec;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.load.LoadException;
import dev.threshold.runtime.ingest.IngestResult;
import dev.threshold.runtime.outbox.channel.ChannelSettings;
import dev.threshold.runtime.outbox.channel.Secret;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.time.SettableClock;
import dev.threshold.server.auth.Role;
import dev.threshold.server.config.ConfigLoader;
import dev.threshold.server.config.ServerConfig;
import dev.threshold.server.http.Query;
import dev.threshold.server.serve.ThresholdService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code threshold demo}: Threshold running on a synthetic portfolio, on a clock that runs a simulated day every few
 * seconds. It is {@code threshold serve} ({@link ThresholdService}, the same store, API and dashboard) with three
 * differences: the runtime's clock is simulated and moved by this class, which drives the runtime round by round
 * as it replays the portfolio's activity; email and SMS really go out, to a local SMTP server and a local SMS
 * endpoint; and the dashboard has a page listing what those received. Everything lives in one folder, so a demo
 * stopped is resumed where its clock stopped.
 */
public final class Demo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    public static final String TENANT = "demo";
    /** How far the clock moves in one round: events are taken, timers fired and messages sent at each step. */
    static final Duration TICK = Duration.ofMinutes(15);

    private static final int BATCH = 500;
    private static final String SMS_ACCOUNT = "DEMO";
    private static final List<String> FILES = List.of(
            "threshold.db", "threshold.db-wal", "threshold.db-shm", "channel.journal", "sink.jsonl", DemoState.FILE);

    /**
     * How to run.
     *
     * @param days simulated days to run before stopping by itself (each ends at midnight UTC); 0: until stopped
     * @param day how long a simulated day takes on the wall clock; zero: as fast as the machine goes
     * @param port the dashboard's port; 0 picks a free one
     * @param residents, seed, start the portfolio of a fresh demo (a resumed one keeps its own)
     */
    public record Options(
            Path folder,
            boolean fresh,
            int days,
            Duration day,
            int port,
            int residents,
            long seed,
            Optional<LocalDate> start,
            Path journeys) {}

    private final Options options;
    private final PrintWriter out;
    private final SettableClock clock;
    private final Sink sink;
    private final MailSink mail;
    private final SmsSink sms;
    private final ThresholdService service;
    private final SyntheticPortfolio portfolio;
    private final int port;
    private final boolean resumed;
    private DemoState state;

    private Demo(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
        Optional<DemoState> saved = prepare(options);
        this.resumed = saved.isPresent();
        SecureRandom random = new SecureRandom();
        LocalDate start =
                saved.map(DemoState::start).orElseGet(() -> options.start().orElse(LocalDate.now(ZoneOffset.UTC)));
        DemoState initial = saved.orElseGet(() -> new DemoState(
                options.seed(),
                options.residents(),
                start,
                start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                TENANT,
                "",
                secret(random),
                secret(random),
                secret(random)));
        this.portfolio = PortfolioGenerator.generate(initial.seed(), initial.residents(), initial.start());
        this.clock = new SettableClock(initial.now());
        this.sink = Sink.open(options.folder().resolve("sink.jsonl"));
        this.mail = new MailSink(sink, clock);
        this.sms = new SmsSink(sink, clock, SMS_ACCOUNT, initial.smsToken());
        this.port = options.port() == 0 ? freePort() : options.port();
        ServerConfig config = ConfigLoader.load(
                Optional.empty(),
                Map.of(
                        "THRESHOLD_DATA_DIR", options.folder().toString(),
                        "THRESHOLD_SERVER_PORT", Integer.toString(port)));
        this.service = ThresholdService.start(
                config,
                clock,
                false, // this class drives the runtime, one round per step of the clock
                options.journeys(),
                new ThresholdService.Extras(
                        Optional.of(channels(initial)),
                        Clock.systemUTC(),
                        List.of((store, gate) -> new SinkPage(sink, store, gate))));
        this.state = saved.isPresent() ? initial : setUp(initial);
    }

    /** Starts a demo (setting it up, or resuming the one in the folder) and says where to look. */
    public static Demo start(Options options, PrintWriter out) {
        Demo demo = new Demo(options, out);
        demo.greet();
        return demo;
    }

    /** The folder's state, or nothing when starting afresh (then the files of an earlier demo are deleted). */
    private static Optional<DemoState> prepare(Options o) {
        try {
            Files.createDirectories(o.folder());
            Optional<DemoState> saved = o.fresh() ? Optional.empty() : DemoState.read(o.folder());
            if (saved.isEmpty()) { // fresh, or a set-up that never finished: start over
                for (String f : FILES) {
                    Files.deleteIfExists(o.folder().resolve(f));
                }
            }
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo folder " + o.folder(), e);
        }
    }

    /** Loads the portfolio into the store, publishes and enables every journey, and makes an admin key. */
    private DemoState setUp(DemoState initial) {
        out.printf(
                "Setting up: a synthetic portfolio (seed %d, %,d residents) into %s%n",
                initial.seed(), initial.residents(), service.store().describe());
        out.flush();
        service.runtime().properties().apply(TENANT, portfolio.changes());
        List<Journey> journeys;
        try {
            journeys = service.runtime().journeys().publishAll(TENANT, options.journeys());
        } catch (LoadException e) {
            throw new IllegalStateException("the journey library does not load: " + e.getMessage(), e);
        }
        for (Journey j : journeys) {
            service.runtime().journeys().enable(TENANT, j.id(), Optional.empty(), true);
        }
        String key = service.keys()
                .create(TENANT, "threshold demo", Role.ADMIN, Set.of())
                .key();
        DemoState ready = new DemoState(
                initial.seed(),
                initial.residents(),
                initial.start(),
                initial.now(),
                initial.tenant(),
                key,
                initial.smsToken(),
                initial.webhookSecret(),
                initial.unsubscribeSecret());
        ready.write(options.folder()); // from here on the demo resumes instead of starting over
        return ready;
    }

    /** Email to the local SMTP server, texts to the local endpoint, unsubscribe links to this dashboard. */
    private ChannelSettings channels(DemoState s) {
        ChannelSettings.Email email = ChannelSettings.email(
                "127.0.0.1", mail.port(), ChannelSettings.Tls.NONE, "hello@demo.threshold.localhost");
        ChannelSettings.Sms texts = ChannelSettings.Sms.of(
                new ChannelSettings.SmsAccount(
                        URI.create("http://127.0.0.1:" + sms.port()),
                        SMS_ACCOUNT,
                        new Secret(s.smsToken()),
                        "+15555550100"),
                new Secret(s.webhookSecret()));
        ChannelSettings.Unsubscribe links =
                ChannelSettings.Unsubscribe.of(URI.create(url()), new Secret(s.unsubscribeSecret()));
        return new ChannelSettings(Optional.of(email), Optional.of(texts), Optional.empty(), Optional.of(links))
                .requireValid();
    }

    private void greet() {
        Map<String, Integer> summary = portfolio.summary();
        long zones = portfolio.changes().communities().stream()
                .map(c -> c.timezone())
                .distinct()
                .count();
        out.printf(
                "%nThreshold demo %s: %,d communities in %d timezones, %,d units, %,d contacts; %d journeys on%n",
                resumed ? "resumed at " + state.now() : "from " + state.start(),
                summary.get("communities"),
                zones,
                summary.get("units"),
                summary.get("contacts"),
                enabledJourneys());
        out.printf("  dashboard   %s/   (sign in with the API key)%n", url());
        out.printf(
                "  messages    %s%s   (what the local mail server and SMS endpoint received)%n", url(), SinkPage.PATH);
        out.printf("  API key     %s%n", state.apiKey());
        out.printf("  SMTP sink   127.0.0.1:%d   SMS sink   http://127.0.0.1:%d%n", mail.port(), sms.port());
        out.printf("  data        %s%n", options.folder());
        out.printf(
                "  a simulated day every %s; stop with Ctrl-C, run again to resume, add --fresh to start over%n%n",
                options.day().isZero()
                        ? "moment (as fast as it goes)"
                        : options.day().toMillis() / 1000.0 + " s");
        out.flush();
    }

    private int enabledJourneys() {
        return store().read(h -> new Query(
                        "SELECT COUNT(DISTINCT journey_id) FROM journey_enablement WHERE tenant_id = ? AND enabled = ?",
                        TENANT,
                        true)
                .list(h.getConnection(), rs -> rs.getInt(1))
                .get(0));
    }

    /**
     * Runs the simulated clock until {@code stop} says so or the days asked for have passed: at each step of
     * {@link #TICK} it takes the events that happened by then, lets the runtime do everything due (events, timers,
     * messages), collects what the sinks received, and at each midnight (UTC) prints the day and saves where it is.
     */
    public void run(BooleanSupplier stop) {
        Iterator<Event> events = eventsAfter(state.now());
        Event pending = events.hasNext() ? events.next() : null;
        Day day = new Day(state.now(), goals());
        int days = 0;
        long wallStart = System.nanoTime();
        long tickNanos = options.day().toNanos() / (Duration.ofDays(1).toNanos() / TICK.toNanos());
        long ticks = 0;
        while (!stop.getAsBoolean() && (options.days() == 0 || days < options.days())) {
            Instant next = min(state.now().plus(TICK), day.end);
            clock.moveTo(next);
            List<Event> due = new ArrayList<>();
            while (pending != null && !pending.occurredAt().isAfter(next)) {
                due.add(pending);
                pending = events.hasNext() ? events.next() : null;
                if (due.size() == BATCH) {
                    day.events += ingest(due);
                    due.clear();
                }
            }
            day.events += ingest(due);
            service.runtime().runUntilIdle();
            mail.collect();
            state = state.at(next);
            if (next.equals(day.end)) {
                report(day, ++days);
                state.write(options.folder());
                day = new Day(next, day.goalsAtEnd);
            }
            ticks++;
            long wait = wallStart + ticks * tickNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        state.write(options.folder());
    }

    /** One simulated day's counts so far. */
    private static final class Day {
        final Instant start;
        final Instant end;
        final long goalsBefore;
        long goalsAtEnd;
        int events;

        Day(Instant from, long goalsBefore) {
            this.start = from;
            this.end = from.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            this.goalsBefore = goalsBefore;
        }
    }

    private void report(Day day, int number) {
        Map<String, Integer> sent = new TreeMap<>();
        store().read(h -> new Query(
                                "SELECT channel, COUNT(*) FROM deliveries WHERE tenant_id = ? AND outcome = 'sent'"
                                        + " AND at > ? AND at <= ? GROUP BY channel",
                                TENANT,
                                day.start,
                                day.end)
                        .list(h.getConnection(), rs -> Map.entry(rs.getString(1), rs.getInt(2))))
                .forEach(e -> sent.put(e.getKey(), e.getValue()));
        day.goalsAtEnd = goals();
        String messages = sent.isEmpty()
                ? "none"
                : String.join(
                        ", ",
                        sent.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .toList());
        out.printf(
                "%s  day %d%s  %,d events · messages sent: %s · %,d tasks open · %,d goals reached (%,d in all)%n",
                day.start.atZone(ZoneOffset.UTC).toLocalDate(),
                number,
                options.days() == 0 ? "" : " of " + options.days(),
                day.events,
                messages,
                count("SELECT COUNT(*) FROM tasks WHERE tenant_id = ? AND status = 'open'"),
                day.goalsAtEnd - day.goalsBefore,
                day.goalsAtEnd);
        out.flush();
    }

    private long goals() {
        return count("SELECT COALESCE(SUM(goals), 0) FROM journey_totals WHERE tenant_id = ?");
    }

    private long count(String sql) {
        return store().read(h -> new Query(sql, TENANT)
                .list(h.getConnection(), rs -> rs.getLong(1))
                .get(0));
    }

    /** Ingests events as any source would (an envelope each); returns how many were new. */
    private int ingest(List<Event> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<JsonNode> envelopes = events.stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>(EventCodec.toMap(e));
                    m.remove("journey");
                    return (JsonNode) StateJson.mapper().valueToTree(m);
                })
                .toList();
        ChangeSet.Builder newcomers = ChangeSet.builder();
        events.forEach(e -> ActivityGenerator.newcomer(portfolio, e).ifPresent(newcomers::contact));
        ChangeSet people = newcomers.build();
        if (!people.contacts().isEmpty()) { // leads and guests the portfolio did not know, with their addresses
            service.runtime().properties().apply(TENANT, people);
        }
        int accepted = 0;
        for (IngestResult r : service.runtime().ingest().ingest(TENANT, envelopes)) {
            switch (r) {
                case IngestResult.Accepted a -> accepted++;
                case IngestResult.Duplicate d -> {} // taken by an earlier run that stopped before saving its clock
                case IngestResult.Rejected x -> LOG.warn("the demo's activity has an invalid event: {}", x.message());
            }
        }
        return accepted;
    }

    /** The activity after a moment, a year at a time, for as long as the demo runs. */
    private Iterator<Event> eventsAfter(Instant after) {
        return new Iterator<>() {
            private int year;
            private Iterator<Event> current = java.util.Collections.emptyIterator();
            private Event next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (!current.hasNext()) {
                        LocalDate from = state.start().plusDays(365L * year++);
                        if (from.isAfter(
                                after.atZone(ZoneOffset.UTC).toLocalDate().plusYears(100))) {
                            return false;
                        }
                        current = ActivityGenerator.activity(portfolio, state.seed(), from, 365)
                                .iterator();
                        continue;
                    }
                    Event e = current.next();
                    if (e.occurredAt().isAfter(after)) {
                        next = e;
                    }
                }
                return true;
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Event e = next;
                next = null;
                return e;
            }
        };
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String secret(SecureRandom random) {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the dashboard", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String apiKey() {
        return state.apiKey();
    }

    /** The simulated time the demo has reached. */
    public Instant now() {
        return state.now();
    }

    public Store store() {
        return service.store();
    }

    public Sink sink() {
        return sink;
    }

    public SyntheticPortfolio portfolio() {
        return portfolio;
    }

    /** Stops in order: the dashboard and the runtime (the store commits what is queued), then the sinks. */
    @Override
    public void close() {
        service.close();
        mail.close();
        sms.close();
        sink.close();
    }
}
