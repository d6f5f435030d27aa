package dev.threshold.engine.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.core.Effect;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random people (any timezone on Earth, DST changes included, any state, any consents) and random due
 * moments: no marketing text goes out without consent or inside quiet hours, a deferred text is due at
 * the first allowed minute, and every message is sent, deferred or skipped with a reason — none is lost.
 */
class GuardrailProperties {
    private static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();
    private static final List<String> STATES = List.of("CO", "FL", "MD", "MS", "NJ", "OK", "CT", "TX", "CA", "NY");
    private final Guardrails guardrails = Guardrails.defaults();

    @Property(tries = 3000)
    void no_marketing_text_without_consent_or_at_night(
            @ForAll("people") ContactView person,
            @ForAll("moments") Instant due,
            @ForAll("messages") Effect.SendMessage message) {
        Verdict v = guardrails.check(message, person, Optional.empty(), due, List.of());

        assertThat(v.reason()).isNotBlank();
        if (v instanceof Verdict.Send s) {
            assertThat(person.permits(s.channel(), message.purpose())).isTrue();
            if (s.channel() == Channel.SMS) {
                ZoneId zone = person.timezone().orElseThrow();
                assertThat(QuietHours.allows(due, zone, person.state(), Optional.empty(), message.purpose()))
                        .as("sent at %s local", LocalDateTime.ofInstant(due, zone))
                        .isTrue();
                LocalTime local = LocalDateTime.ofInstant(due, zone).toLocalTime();
                assertThat(local).isBetween(LocalTime.of(8, 0), LocalTime.of(20, 59, 59, 999_999_999));
            }
        }
    }

    @Property(tries = 2000)
    void a_deferred_text_falls_due_at_the_first_allowed_minute_and_then_goes_out(
            @ForAll("people") ContactView person, @ForAll("moments") Instant due) {
        Effect.SendMessage text = message(List.of(Channel.SMS), Purpose.TRANSACTIONAL);
        Verdict first = guardrails.check(text, person, Optional.empty(), due, List.of());
        if (!(first instanceof Verdict.Defer d)) {
            return;
        }
        ZoneId zone = person.timezone().orElseThrow();

        Verdict later = guardrails.check(text, person, Optional.empty(), d.until(), List.of());

        assertThat(later).isInstanceOf(Verdict.Send.class);
        assertThat(d.until()).isAfter(due);
        Instant minuteBefore = d.until().minusSeconds(60);
        if (minuteBefore.isAfter(due)) {
            assertThat(QuietHours.allows(minuteBefore, zone, person.state(), Optional.empty(), Purpose.TRANSACTIONAL))
                    .as("a minute before %s local", LocalDateTime.ofInstant(d.until(), zone))
                    .isFalse();
        }
    }

    @Property(tries = 500)
    void frequency_caps_count_marketing_only_and_defer_rather_than_drop(@ForAll("moments") Instant now) {
        ContactView person = person(
                ZoneId.of("UTC"),
                "CA",
                Set.of(Purpose.MARKETING, Purpose.TRANSACTIONAL),
                Set.of(Purpose.MARKETING, Purpose.TRANSACTIONAL));
        List<Guardrails.Sent> week = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            week.add(new Guardrails.Sent(Channel.EMAIL, now.minusSeconds(i * 3600L)));
        }

        Verdict marketing = guardrails.check(
                message(List.of(Channel.EMAIL), Purpose.MARKETING), person, Optional.empty(), now, week);
        Verdict transactional = guardrails.check(
                message(List.of(Channel.EMAIL), Purpose.TRANSACTIONAL), person, Optional.empty(), now, week);

        assertThat(marketing).isInstanceOf(Verdict.Defer.class);
        assertThat(((Verdict.Defer) marketing).until()).isAfter(now);
        assertThat(transactional).isInstanceOf(Verdict.Send.class);
    }

    @Provide
    Arbitrary<ContactView> people() {
        Arbitrary<String> zones = Arbitraries.of(ZONES);
        Arbitrary<String> states = Arbitraries.of(STATES);
        Arbitrary<Set<Purpose>> consents = Arbitraries.subsetOf(Purpose.values());
        return Combinators.combine(zones, states, consents, consents)
                .as((z, s, sms, email) -> person(ZoneId.of(z), s, sms, email));
    }

    @Provide
    Arbitrary<Instant> moments() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2029-01-01T00:00:00Z").getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Effect.SendMessage> messages() {
        return Combinators.combine(
                        Arbitraries.of(
                                List.of(Channel.SMS),
                                List.of(Channel.SMS, Channel.EMAIL),
                                List.of(Channel.EMAIL, Channel.SMS)),
                        Arbitraries.of(Purpose.values()))
                .as(GuardrailProperties::message);
    }

    static ContactView person(ZoneId zone, String state, Set<Purpose> sms, Set<Purpose> email) {
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        addresses.put(Channel.SMS, "+15555550100");
        addresses.put(Channel.EMAIL, "p@example.com");
        Map<Channel, Set<Purpose>> consent = new EnumMap<>(Channel.class);
        consent.put(Channel.SMS, new HashSet<>(sms));
        consent.put(Channel.EMAIL, new HashSet<>(email));
        return new ContactView(
                "P",
                Set.of("resident"),
                "Pat",
                "Lee",
                Optional.of(zone),
                "en",
                Optional.empty(),
                Optional.of(state),
                addresses,
                consent,
                Set.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Optional.empty());
    }

    static Effect.SendMessage message(List<Channel> channels, Purpose purpose) {
        Map<Channel, Effect.Rendered> content = new EnumMap<>(Channel.class);
        channels.forEach(c -> content.put(c, new Effect.Rendered(Optional.of("s"), "b")));
        return new Effect.SendMessage(
                "k",
                "i",
                "j",
                "step",
                Optional.of("P"),
                Optional.empty(),
                Optional.empty(),
                channels,
                purpose,
                50,
                content);
    }
}
