package dev.threshold.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.guardrail.Guardrails;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.contact.Directory;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Store;
import dev.threshold.runtime.store.StoreConfig;
import dev.threshold.runtime.store.Stores;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.time.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The guardrails' promises, proven through the real dispatcher on a real SQLite store with a settable clock, over
 * random people (every timezone the JDK knows, DST changes included, with or without their own zone), states,
 * community windows, consents and opt-outs, channels, purposes and due times:
 *
 * <ul>
 *   <li>no text goes out without the consent its purpose needs, or inside the recipient's quiet hours;</li>
 *   <li>a text held by quiet hours goes out at the first allowed minute;</li>
 *   <li>no message is lost: each ends sent or skipped, with its reasons in the delivery log;</li>
 *   <li>a frequency cap lets the highest-priority marketing through first, holds the rest until the window allows,
 *       and never holds a transactional message.</li>
 * </ul>
 *
 * The expected windows and permissions are worked out here from the statutes' table, independently of the engine.
 */
class DispatcherGuardrailProperties {
    private static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();
    /** The zones whose clocks change between 2026 and 2029. */
    private static final List<String> CHANGING = ZONES.stream()
            .filter(z -> {
                ZoneOffsetTransition t = ZoneId.of(z).getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
                return t != null && t.getInstant().isBefore(Instant.parse("2029-01-01T00:00:00Z"));
            })
            .toList();

    private static final List<String> STATES = List.of("CO", "CA", "NY", "FL", "MD", "MS", "NJ", "OK", "CT", "TX");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static Store store;
    private static Path folder;

    @BeforeContainer
    static void open() throws IOException {
        folder = Files.createTempDirectory("dispatcher-properties");
        store = Stores.open(StoreConfig.sqlite(folder.resolve("threshold.db")));
    }

    @AfterContainer
    static void close() throws IOException {
        store.close();
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A person as generated: what the oracle knows about them. */
    record Person(
            Optional<String> zone,
            String communityZone,
            Optional<String> state,
            String communityState,
            Optional<String> communityWindow,
            Set<Purpose> smsConsent,
            Set<Purpose> emailConsent,
            boolean hasPortal,
            boolean textedStop,
            boolean unsubscribedEmail) {

        ZoneId effectiveZone() {
            return ZoneId.of(zone.orElse(communityZone));
        }

        String effectiveState() {
            return state.orElse(communityState);
        }

        /** Whether a message of this purpose may use this channel, as the consent rules say. */
        boolean permits(Channel ch, Purpose purpose) {
            return switch (ch) {
                case SMS ->
                    !textedStop
                            && (purpose == Purpose.MARKETING
                                    ? smsConsent.contains(Purpose.MARKETING)
                                    : !smsConsent.isEmpty());
                case EMAIL ->
                    purpose == Purpose.TRANSACTIONAL
                            || (emailConsent.contains(Purpose.MARKETING) && !unsubscribedEmail);
                case PORTAL -> hasPortal && purpose == Purpose.TRANSACTIONAL;
                case WEBHOOK -> false;
            };
        }
    }

    /** What a text's sending window is on a local day, from the statutes' table; empty when closed all day. */
    static Optional<LocalTime[]> window(String state, Optional<String> own, DayOfWeek day, Purpose purpose) {
        if (purpose == Purpose.MARKETING && state.equals("MS") && day == DayOfWeek.SUNDAY) {
            return Optional.empty(); // Miss. Code 77-3-723(1)
        }
        LocalTime from = LocalTime.of(8, 0);
        LocalTime until = LocalTime.of(21, 0);
        switch (state) {
            case "FL", "MD", "MS", "NJ", "OK" -> until = LocalTime.of(20, 0);
            case "CT" -> {
                from = LocalTime.of(9, 0);
                until = LocalTime.of(20, 0);
            }
            case "TX" -> from = day == DayOfWeek.SUNDAY ? LocalTime.of(12, 0) : LocalTime.of(9, 0);
            default -> {}
        }
        if (own.isPresent()) {
            String[] p = own.get().split("-");
            LocalTime f = LocalTime.parse(p[0]);
            LocalTime u = LocalTime.parse(p[1]);
            from = f.isAfter(from) ? f : from;
            until = u.isBefore(until) ? u : until;
        }
        return from.isBefore(until) ? Optional.of(new LocalTime[] {from, until}) : Optional.empty();
    }

    static boolean allowed(Person p, Instant at, Purpose purpose) {
        LocalDateTime local = LocalDateTime.ofInstant(at, p.effectiveZone());
        return window(p.effectiveState(), p.communityWindow(), local.getDayOfWeek(), purpose)
                .map(w -> !local.toLocalTime().isBefore(w[0])
                        && local.toLocalTime().isBefore(w[1]))
                .orElse(false);
    }

    /** The first moment at or after {@code due} a text may go: due itself, else the first whole minute allowed. */
    static Instant firstAllowed(Person p, Instant due, Purpose purpose) {
        if (allowed(p, due, purpose)) {
            return due;
        }
        Instant t = due.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        for (int i = 0; i < 8 * 24 * 60; i++, t = t.plus(Duration.ofMinutes(1))) {
            if (allowed(p, t, purpose)) {
                return t;
            }
        }
        throw new AssertionError("no allowed minute within 8 days for " + p);
    }

    /** A channel adapter that records each message with the moment it was sent. */
    static final class Stamped implements ChannelAdapter {
        final SettableClock clock;
        final RecordingChannel recording = new RecordingChannel();
        final Map<String, Instant> at = new HashMap<>();
        final Map<String, Channel> on = new HashMap<>();

        Stamped(SettableClock clock) {
            this.clock = clock;
        }

        @Override
        public Set<Channel> channels() {
            return recording.channels();
        }

        @Override
        public DeliveryResult send(OutboundMessage m) {
            at.put(m.key(), clock.instant());
            on.put(m.key(), m.channel());
            return recording.send(m);
        }
    }

    private record Run(String tenant, Stamped channel, SettableClock clock) {}

    /** Puts the person and community in a fresh tenant; returns the tenant and the dispatcher's world. */
    private static Run setUp(Person p, Instant start) {
        String tenant = "prop-" + TRIES.incrementAndGet();
        SettableClock clock = new SettableClock(start);
        Directory directory = new Directory(store, clock);
        directory.saveCommunity(
                tenant,
                new CommunityView(
                        "c1",
                        "Community One",
                        Optional.empty(),
                        Optional.empty(),
                        ZoneId.of(p.communityZone()),
                        Optional.of(p.communityState()),
                        "1 Main St",
                        "",
                        "",
                        Map.of(),
                        Map.of(),
                        dev.threshold.engine.time.BusinessCalendar.standard(ZoneId.of(p.communityZone())),
                        p.communityWindow(),
                        Map.of()));
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        addresses.put(Channel.SMS, "+15555550100");
        addresses.put(Channel.EMAIL, "p@example.com");
        if (p.hasPortal()) {
            addresses.put(Channel.PORTAL, "portal-user-1");
        }
        Map<Channel, Set<Purpose>> consent = new EnumMap<>(Channel.class);
        consent.put(Channel.SMS, p.smsConsent());
        consent.put(Channel.EMAIL, p.emailConsent());
        directory.saveContact(
                tenant,
                new ContactView(
                        "P",
                        Set.of("resident"),
                        "Pat",
                        "Lee",
                        p.zone().map(ZoneId::of),
                        "en",
                        Optional.of("c1"),
                        p.state(),
                        addresses,
                        consent,
                        Set.of(),
                        Map.of(),
                        Map.of(),
                        Map.of(),
                        Optional.empty()),
                List.of());
        Consents consents = new Consents(store);
        Instant before = start.minus(Duration.ofDays(1));
        if (p.textedStop()) {
            consents.record(
                    tenant,
                    Optional.of("P"),
                    new ConsentChange(
                            Channel.SMS,
                            "+1 555 555 0100",
                            ConsentChange.Scope.ALL,
                            false,
                            ConsentChange.Reason.OPT_OUT,
                            "sms keyword STOP",
                            before));
        }
        if (p.unsubscribedEmail()) {
            consents.record(
                    tenant,
                    Optional.of("P"),
                    new ConsentChange(
                            Channel.EMAIL,
                            "P@example.com",
                            ConsentChange.Scope.MARKETING,
                            false,
                            ConsentChange.Reason.UNSUBSCRIBE,
                            "unsubscribe link",
                            before));
        }
        return new Run(tenant, new Stamped(clock), clock);
    }

    /** Dispatches until nothing is pending, moving the clock to each next attempt; at most 20 rounds. */
    private static void drain(Run run) {
        Dispatcher dispatcher = new Dispatcher(
                store,
                Guardrails.defaults(),
                new Channels(List.of(run.channel())),
                Backoff.defaults(),
                run.clock(),
                200);
        for (int round = 0; round < 20; round++) {
            dispatcher.dispatchOnce();
            Optional<Instant> next = dispatcher.nextAttempt();
            if (next.isEmpty()) {
                return;
            }
            assertThat(next.get())
                    .as("the next attempt is ahead of now")
                    .isAfter(run.clock().instant());
            run.clock().moveTo(next.get());
        }
        throw new AssertionError("still pending after 20 rounds");
    }

    @Property(tries = 300)
    void no_text_goes_out_without_consent_or_in_quiet_hours_and_no_message_is_lost(
            @ForAll("people") Person p,
            @ForAll("channelLists") List<Channel> channels,
            @ForAll Purpose purpose,
            @ForAll("moments") Instant due) {
        Run run = setUp(p, due);
        Outbox.Builder b = Outbox.aMessage("m").to("P").community("c1").purpose(purpose);
        channels.forEach(ch -> {
            switch (ch) {
                case SMS -> b.sms("Hi Pat");
                case EMAIL -> b.email("Hello", "Hi Pat");
                case PORTAL -> b.portal("Hello", "Hi Pat");
                case WEBHOOK -> throw new IllegalStateException();
            }
        });
        b.queue(store, run.tenant(), due);

        drain(run);

        String status = Outbox.status(store, run.tenant(), "m");
        List<Map<String, Object>> log = Outbox.deliveries(store, run.tenant(), "m");
        assertThat(status).as("never lost, never dead").isIn("sent", "skipped");
        assertThat(log)
                .isNotEmpty()
                .allSatisfy(l -> assertThat((String) l.get("reason")).isNotBlank());
        assertThat(log.get(log.size() - 1).get("outcome")).isEqualTo(status);
        Optional<Channel> expected =
                channels.stream().filter(ch -> p.permits(ch, purpose)).findFirst();
        Statistics.label("outcome")
                .collect(expected.map(ch -> ch.id() + (ch == channels.get(0) ? "" : " (fallback)"))
                        .orElse("skipped"));
        if (expected.isEmpty()) {
            assertThat(status).as("no channel permitted: %s", log).isEqualTo("skipped");
            assertThat(run.channel().at).isEmpty();
            return;
        }
        assertThat(status).as("%s permitted: %s", expected.get(), log).isEqualTo("sent");
        assertThat(run.channel().on.get("m")).isEqualTo(expected.get());
        Instant sentAt = run.channel().at.get("m");
        if (expected.get() == Channel.SMS) {
            Statistics.label("texts").collect(sentAt.equals(due) ? "sent when due" : "held for the morning");
            assertThat(allowed(p, sentAt, purpose))
                    .as("a text at %s local", LocalDateTime.ofInstant(sentAt, p.effectiveZone()))
                    .isTrue();
            assertThat(sentAt)
                    .as("due %s local", LocalDateTime.ofInstant(due, p.effectiveZone()))
                    .isEqualTo(firstAllowed(p, due, purpose));
        } else {
            assertThat(sentAt).as("only texts wait for the morning").isEqualTo(due);
        }
    }

    @Property(tries = 300)
    void a_text_held_by_quiet_hours_goes_out_at_the_first_allowed_minute_even_across_a_dst_change(
            @ForAll("consentedPeople") Person p, @ForAll Purpose purpose, @ForAll("nearTransitions") Instant anchor) {
        Instant due = anchorIn(p, anchor);
        Run run = setUp(p, due);
        Outbox.aMessage("t").to("P").community("c1").purpose(purpose).sms("Hi").queue(store, run.tenant(), due);

        drain(run);

        Instant expected = firstAllowed(p, due, purpose);
        ZoneOffsetTransition change = p.effectiveZone().getRules().nextTransition(due);
        Statistics.label("held across a clock change")
                .collect(!expected.equals(due)
                        && change != null
                        && !change.getInstant().isAfter(expected));
        assertThat(run.channel().at.get("t"))
                .as(
                        "due %s in %s (%s), expected %s local",
                        LocalDateTime.ofInstant(due, p.effectiveZone()),
                        p.effectiveZone(),
                        p.effectiveState(),
                        LocalDateTime.ofInstant(expected, p.effectiveZone()))
                .isEqualTo(expected);
        if (!expected.equals(due)) {
            assertThat(Outbox.deliveries(store, run.tenant(), "t").get(0))
                    .containsEntry("outcome", "deferred")
                    .containsEntry("until_at", expected.toEpochMilli());
        }
    }

    @Property(tries = 100)
    void a_frequency_cap_lets_the_highest_priority_marketing_through_and_holds_the_rest_without_losing_any(
            @ForAll("priorities") List<Integer> priorities, @ForAll("moments") Instant due) {
        Person p = new Person(
                Optional.of("UTC"),
                "UTC",
                Optional.of("CO"),
                "CO",
                Optional.empty(),
                Set.of(),
                EnumSet.allOf(Purpose.class),
                false,
                false,
                false);
        Run run = setUp(p, due);
        for (int i = 0; i < priorities.size(); i++) {
            Outbox.aMessage("m" + i)
                    .to("P")
                    .community("c1")
                    .journey("journey-" + i)
                    .email("Offer " + i, "An offer")
                    .marketing()
                    .priority(priorities.get(i))
                    .queue(store, run.tenant(), due);
        }
        Outbox.aMessage("receipt")
                .to("P")
                .community("c1")
                .email("Receipt", "Paid")
                .transactional()
                .queue(store, run.tenant(), due);

        drain(run);

        int cap = 5; // FrequencyCaps.defaults(): five marketing emails a week
        List<String> firstWave = run.channel().at.entrySet().stream()
                .filter(e -> e.getValue().equals(due) && e.getKey().startsWith("m"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(firstWave).hasSize(Math.min(cap, priorities.size()));
        int lowestSent = firstWave.stream()
                .mapToInt(k -> priorities.get(Integer.parseInt(k.substring(1))))
                .min()
                .orElseThrow();
        for (int i = 0; i < priorities.size(); i++) {
            if (!firstWave.contains("m" + i)) {
                assertThat(priorities.get(i)).as("a held message's priority").isLessThanOrEqualTo(lowestSent);
                assertThat(run.channel().at.get("m" + i)).isAfter(due.plus(Duration.ofDays(7)));
            }
            assertThat(Outbox.status(store, run.tenant(), "m" + i)).isEqualTo("sent");
        }
        assertThat(run.channel().at.get("receipt"))
                .as("transactional is never capped")
                .isEqualTo(due);
    }

    // ------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Person> people() {
        Arbitrary<Set<Purpose>> consents = Arbitraries.subsetOf(Purpose.values());
        return Combinators.combine(
                        Arbitraries.of(ZONES).optional(0.8),
                        Arbitraries.of(ZONES),
                        Arbitraries.of(STATES).optional(0.8),
                        Arbitraries.of(STATES),
                        Arbitraries.of("09:00-19:00", "10:00-20:30", "07:00-22:00")
                                .optional(0.3),
                        consents,
                        consents,
                        Arbitraries.of(true, false))
                .as((z, cz, s, cs, w, sms, email, portal) ->
                        new Person(z, cz, s, cs, w, sms, email, portal, false, false))
                .flatMap(p -> Combinators.combine(
                                Arbitraries.integers().between(0, 3).map(i -> i == 0), Arbitraries.of(true, false))
                        .as((stop, unsub) -> new Person(
                                p.zone(),
                                p.communityZone(),
                                p.state(),
                                p.communityState(),
                                p.communityWindow(),
                                p.smsConsent(),
                                p.emailConsent(),
                                p.hasPortal(),
                                stop,
                                unsub)));
    }

    /** People whose clocks change, with every consent, so that each text is held only by the hour. */
    @Provide
    Arbitrary<Person> consentedPeople() {
        return Combinators.combine(
                        Arbitraries.of(CHANGING).optional(0.8),
                        Arbitraries.of(CHANGING),
                        Arbitraries.of(STATES).optional(0.8),
                        Arbitraries.of(STATES),
                        Arbitraries.of("09:00-19:00", "10:00-20:30").optional(0.3))
                .as((z, cz, s, cs, w) ->
                        new Person(z, cz, s, cs, w, EnumSet.allOf(Purpose.class), Set.of(), false, false, false));
    }

    @Provide
    Arbitrary<List<Channel>> channelLists() {
        return Arbitraries.of(
                List.of(Channel.SMS),
                List.of(Channel.SMS, Channel.EMAIL),
                List.of(Channel.EMAIL, Channel.SMS),
                List.of(Channel.SMS, Channel.EMAIL, Channel.PORTAL),
                List.of(Channel.SMS, Channel.PORTAL));
    }

    @Provide
    Arbitrary<Instant> moments() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2029-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    /** A moment in 2026-2029, to be moved next to a zone's DST change by {@link #anchorIn}. */
    @Provide
    Arbitrary<Instant> nearTransitions() {
        return moments();
    }

    @Provide
    Arbitrary<List<Integer>> priorities() {
        return Arbitraries.integers().between(0, 100).list().ofMinSize(1).ofMaxSize(9);
    }

    /**
     * A due moment in the night before the recipient's next clock change after the anchor (from 12 hours before the
     * change to an hour after), so that a text held for the morning is held across the change; the anchor itself
     * where the zone's clocks no longer change.
     */
    static Instant anchorIn(Person p, Instant anchor) {
        ZoneOffsetTransition t = p.effectiveZone().getRules().nextTransition(anchor);
        if (t == null || t.getInstant().isAfter(anchor.plus(Duration.ofDays(400)))) {
            return anchor;
        }
        long offset =
                Math.floorMod(anchor.getEpochSecond(), Duration.ofHours(13).toSeconds())
                        - Duration.ofHours(12).toSeconds();
        return t.getInstant().plusSeconds(offset);
    }
}
