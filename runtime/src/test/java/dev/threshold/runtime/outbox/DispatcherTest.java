package dev.threshold.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.ChannelAdapter;
import dev.threshold.runtime.outbox.channel.DeliveryResult;
import dev.threshold.runtime.outbox.channel.OutboundMessage;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
    private static final String TENANT = "acme";
    private static final Instant NOON =
            ZonedDateTime.parse("2027-03-01T12:00:00-07:00[America/Denver]").toInstant();

    @TempDir
    Path dir;

    private TestStore ts;
    private final SettableClock clock = new SettableClock(NOON);

    @BeforeEach
    void open() {
        ts = TestStore.open(Dialect.SQLITE, dir);
    }

    @AfterEach
    void close() {
        ts.close();
    }

    private ThresholdRuntime runtime(ChannelAdapter channel) throws Exception {
        ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                .actions(dev.threshold.runtime.support.Library.actions())
                .channel(channel)
                .backoff(new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 4))
                .build();
        rt.journeys().publishAll(TENANT, Library.fixtureFolder());
        rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
        return rt;
    }

    /** Records the message, then the process "dies" before the dispatcher can note that it was sent. */
    private static final class CrashAfterSending implements ChannelAdapter {
        final RecordingChannel recording = new RecordingChannel();
        boolean crash = true;

        @Override
        public Set<Channel> channels() {
            return recording.channels();
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            DeliveryResult r = recording.send(message);
            if (crash) {
                throw new SimulatedCrash();
            }
            return r;
        }
    }

    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void a_message_sent_again_after_a_crash_between_sending_and_recording_reaches_the_resident_once() throws Exception {
        CrashAfterSending channel = new CrashAfterSending();
        ThresholdRuntime rt = runtime(channel);
        rt.directory().saveContact(TENANT, Residents.aResident("R-1").build(), List.of());
        rt.ingest().ingest(TENANT, Residents.rating("evt-1", "R-1", 8, NOON));
        rt.worker().processOnce();

        assertThatThrownBy(() -> rt.dispatcher().dispatchOnce()).isInstanceOf(SimulatedCrash.class);
        assertThat(status("nps-feedback-follow-up:R-1:R-1:1:thanks:1")).isEqualTo("pending");

        channel.crash = false;
        ThresholdRuntime restarted = runtime(channel);
        restarted.runUntilIdle();

        assertThat(channel.recording.delivered()).containsOnlyKeys("nps-feedback-follow-up:R-1:R-1:1:thanks:1");
        assertThat(channel.recording.repeats()).containsExactly("nps-feedback-follow-up:R-1:R-1:1:thanks:1");
        assertThat(status("nps-feedback-follow-up:R-1:R-1:1:thanks:1")).isEqualTo("sent");
    }

    private static final class Failing implements ChannelAdapter {
        final List<Instant> attempts = new ArrayList<>();
        final SettableClock clock;
        boolean up;
        final RecordingChannel recording = new RecordingChannel();

        Failing(SettableClock clock) {
            this.clock = clock;
        }

        @Override
        public Set<Channel> channels() {
            return EnumSet.allOf(Channel.class);
        }

        @Override
        public DeliveryResult send(OutboundMessage message) {
            attempts.add(clock.instant());
            return up ? recording.send(message) : new DeliveryResult.Retry("provider answered 503");
        }
    }

    @Test
    void a_failing_channel_is_tried_again_after_growing_waits_then_dead_lettered_and_can_be_retried() throws Exception {
        Failing channel = new Failing(clock);
        ThresholdRuntime rt = runtime(channel);
        rt.directory().saveContact(TENANT, Residents.aResident("R-2").build(), List.of());
        rt.ingest().ingest(TENANT, Residents.rating("evt-2", "R-2", 8, NOON));
        rt.runUntilIdle();
        for (int i = 0; i < 3; i++) {
            clock.moveTo(rt.dispatcher().nextAttempt().orElseThrow());
            rt.runUntilIdle();
        }

        assertThat(channel.attempts).hasSize(4);
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < channel.attempts.size(); i++) {
            waits.add(Duration.between(channel.attempts.get(i - 1), channel.attempts.get(i)));
        }
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
        assertThat(waits.get(1)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThat(waits.get(2)).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(4));
        String key = "nps-feedback-follow-up:R-2:R-2:1:thanks:1";
        assertThat(status(key)).isEqualTo("dead");
        assertThat(rt.dispatcher().nextAttempt()).isEmpty();
        List<DeadLetter> dead = rt.deadLetters().list(TENANT, 10);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo(key);
            assertThat(d.attempts()).isEqualTo(4);
            assertThat(d.lastError()).contains("503");
        });

        channel.up = true;
        assertThat(rt.deadLetters().retry(TENANT, key)).isTrue();
        rt.runUntilIdle();

        assertThat(status(key)).isEqualTo("sent");
        assertThat(channel.recording.delivered()).containsOnlyKeys(key);
        assertThat(rt.deadLetters().list(TENANT, 10)).isEmpty();
        assertThat(rt.deadLetters().retry(TENANT, key)).as("no longer dead").isFalse();
    }

    @Test
    void a_text_due_at_night_waits_until_eight_in_the_residents_timezone_and_says_why() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        ThresholdRuntime rt = runtime(channel);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-3")
                                .textingForTransactional("+13035550103")
                                .build(),
                        List.of());
        Instant night =
                ZonedDateTime.parse("2027-03-01T22:30:00-07:00[America/Denver]").toInstant();
        clock.moveTo(night);
        rt.ingest().ingest(TENANT, Residents.rating("evt-3", "R-3", 4, night));
        rt.runUntilIdle();

        String key = "nps-feedback-follow-up:R-3:R-3:1:detractor-sorry:1";
        assertThat(channel.delivered()).doesNotContainKey(key);
        Map<String, Object> deferred = delivery(key, "deferred");
        assertThat((String) deferred.get("reason")).contains("quiet hours in America/Denver");
        Instant eight =
                ZonedDateTime.parse("2027-03-02T08:00:00-07:00[America/Denver]").toInstant();
        assertThat(Instant.ofEpochMilli((Long) deferred.get("until_at"))).isEqualTo(eight);
        assertThat(rt.dispatcher().nextAttempt()).contains(eight);

        clock.moveTo(eight);
        rt.runUntilIdle();

        assertThat(channel.delivered().get(key).channel()).isEqualTo(Channel.SMS);
        assertThat(Instant.ofEpochMilli((Long) delivery(key, "sent").get("at"))).isEqualTo(eight);
    }

    @Test
    void a_marketing_message_to_a_resident_without_marketing_consent_is_skipped_with_the_reason() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        ThresholdRuntime rt = runtime(channel);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-4").withoutMarketingConsent().build(),
                        List.of());
        rt.ingest().ingest(TENANT, Residents.rating("evt-4", "R-4", 8, NOON));
        rt.runUntilIdle();

        String key = "nps-feedback-follow-up:R-4:R-4:1:thanks:1";
        assertThat(channel.delivered()).isEmpty();
        assertThat(status(key)).isEqualTo("skipped");
        assertThat((String) delivery(key, "skipped").get("reason")).contains("email has no marketing consent");
    }

    private String status(String key) {
        return ts.store()
                .read(h -> h.createQuery("SELECT status FROM outbox WHERE tenant_id = :t AND message_key = :k")
                        .bind("t", TENANT)
                        .bind("k", key)
                        .mapTo(String.class)
                        .one());
    }

    private Map<String, Object> delivery(String key, String outcome) {
        return ts.store()
                .read(h -> h.createQuery("SELECT reason, at, until_at FROM deliveries"
                                + " WHERE tenant_id = :t AND message_key = :k AND outcome = :o")
                        .bind("t", TENANT)
                        .bind("k", key)
                        .bind("o", outcome)
                        .mapToMap()
                        .one());
    }
}
