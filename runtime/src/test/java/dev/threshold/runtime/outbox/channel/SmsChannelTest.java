package dev.threshold.runtime.outbox.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.core.Effect;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.inbound.HttpAnswer;
import dev.threshold.runtime.outbox.Backoff;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.Settings;
import dev.threshold.runtime.support.SmsProviderServer;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.support.Texts;
import dev.threshold.runtime.time.SettableClock;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Texts go out through a real HTTP provider (a local server that can fail on purpose), once per key. */
class SmsChannelTest {
    private static final String TENANT = "acme";
    private static final Instant NOON =
            ZonedDateTime.parse("2027-03-01T12:00:00-07:00[America/Denver]").toInstant();

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(NOON);
    private final SmsProviderServer provider = SmsProviderServer.start();
    private TestStore ts;

    @AfterEach
    void stop() {
        provider.close();
        if (ts != null) {
            ts.close();
        }
    }

    private SmsChannel channel(Dialect dialect, Duration timeout) {
        ts = TestStore.open(dialect, dir);
        return new SmsChannel(
                Settings.sms(provider.baseUrl()).withTimeout(timeout),
                HttpClient.newHttpClient(),
                new AcceptedSends(ts.store()),
                clock);
    }

    private static OutboundMessage text(String key, String body, Optional<String> community) {
        return new OutboundMessage(
                TENANT,
                key,
                Channel.SMS,
                "+1 (303) 555-0101",
                Optional.empty(),
                body,
                Purpose.TRANSACTIONAL,
                "j",
                "remind",
                Optional.of("R-1"),
                community.map(id -> id.equals("cedar-ridge")
                        ? Residents.cedarRidge()
                        : dev.threshold.engine.core.CommunityView.minimal(id, Residents.DENVER)));
    }

    @Test
    void a_text_goes_to_the_provider_from_the_communitys_number_under_its_key_and_is_recorded_with_its_segments() {
        SmsChannel sms = channel(Dialect.SQLITE, Duration.ofSeconds(5));

        DeliveryResult r = sms.send(text("k-1", "Your tour is tomorrow at 4pm.", Optional.of("cedar-ridge")));

        assertThat(r)
                .isInstanceOfSatisfying(
                        DeliveryResult.Delivered.class,
                        d -> assertThat(d.detail()).startsWith("provider id SM").endsWith("1 segment, GSM-7"));
        SmsProviderServer.Request req = provider.requests().get(0);
        assertThat(req.path()).isEqualTo("/v1/accounts/AC-cedar/messages");
        assertThat(req.idempotencyKey()).isEqualTo("k-1");
        assertThat(req.authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("AC-cedar:cedar-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(req.form())
                .containsEntry("To", "+13035550101")
                .containsEntry("From", Settings.CEDAR_NUMBER)
                .containsEntry("Body", "Your tour is tomorrow at 4pm.")
                .containsEntry("StatusCallback", "https://threshold.example/webhooks/acme/sms/status");
        AcceptedSends.Accepted recorded =
                new AcceptedSends(ts.store()).find(TENANT, "k-1").orElseThrow();
        assertThat(recorded.segments()).contains(1);
        assertThat(recorded.encoding()).contains("GSM-7");
        assertThat(recorded.providerId()).startsWith("SM");
    }

    @Test
    void a_community_without_its_own_account_uses_the_default_one() {
        SmsChannel sms = channel(Dialect.SQLITE, Duration.ofSeconds(5));

        sms.send(text("k-2", "Hello", Optional.of("riverside")));

        assertThat(provider.requests().get(0).path()).isEqualTo("/v1/accounts/AC-default/messages");
        assertThat(provider.requests().get(0).form()).containsEntry("From", "+15125550100");
    }

    @Test
    void a_key_the_provider_accepted_is_not_sent_again() {
        SmsChannel sms = channel(Dialect.SQLITE, Duration.ofSeconds(5));
        sms.send(text("k-3", "Hello", Optional.empty()));

        DeliveryResult again = sms.send(text("k-3", "Hello", Optional.empty()));

        assertThat(again).isInstanceOf(DeliveryResult.AlreadyDelivered.class);
        assertThat(provider.requests()).hasSize(1);
    }

    @Test
    void a_timeout_is_tried_again_with_the_same_key_so_the_provider_sends_the_text_once() {
        SmsChannel sms = channel(Dialect.SQLITE, Duration.ofMillis(300));
        provider.holdRequests();

        DeliveryResult first = sms.send(text("k-4", "Hello", Optional.empty()));
        provider.release();
        DeliveryResult second = sms.send(text("k-4", "Hello", Optional.empty()));

        assertThat(first)
                .isInstanceOfSatisfying(
                        DeliveryResult.Retry.class, r -> assertThat(r.reason()).contains("did not answer"));
        assertThat(second).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(provider.requests())
                .extracting(SmsProviderServer.Request::idempotencyKey)
                .containsExactly("k-4", "k-4");
        assertThat(provider.sent()).hasSize(1);
    }

    @Test
    void a_server_error_is_tried_again_and_a_client_error_is_refused_with_the_providers_words() {
        SmsChannel sms = channel(Dialect.SQLITE, Duration.ofSeconds(5));

        provider.failNext(1, 503, "{\"message\":\"try later\"}");
        DeliveryResult busy = sms.send(text("k-5", "Hello", Optional.empty()));
        provider.failNext(1, 400, "{\"code\":21211,\"message\":\"The 'To' number is not valid\"}");
        DeliveryResult bad = sms.send(text("k-6", "Hello", Optional.empty()));

        assertThat(busy).isInstanceOf(DeliveryResult.Retry.class);
        assertThat(bad)
                .isInstanceOfSatisfying(
                        DeliveryResult.Refused.class,
                        r -> assertThat(r.reason()).contains("HTTP 400").contains("'To' number is not valid"));
    }

    @Test
    void a_text_longer_than_the_segment_limit_is_refused_before_anything_is_sent() {
        SmsChannel sms = channel(Dialect.SQLITE, Duration.ofSeconds(5));

        DeliveryResult r = sms.send(text("k-7", "ç".repeat(700), Optional.empty()));

        assertThat(r)
                .isInstanceOfSatisfying(
                        DeliveryResult.Refused.class,
                        x -> assertThat(x.reason())
                                .contains("11 segments, UCS-2")
                                .contains("the limit is 10"));
        assertThat(provider.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void through_the_dispatcher_a_failing_provider_is_retried_with_backoff_and_the_text_reaches_the_phone_once(
            Dialect dialect) throws Exception {
        ts = TestStore.open(dialect, dir);
        try (ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                .channelSettings(Settings.smsOnly(provider.baseUrl()))
                .backoff(new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), 5))
                .build()) {
            rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
            rt.directory()
                    .saveContact(
                            TENANT,
                            Residents.aResident("R-1")
                                    .textingForTransactional("+13035550101")
                                    .build(),
                            List.of());
            String body = "Your package is at the front desk. " + "a".repeat(150);
            Effect.SendMessage m =
                    Outbox.aMessage("pkg-1").sms(body).transactional().queue(ts.store(), TENANT, NOON);
            provider.failNext(2, 502, "{\"message\":\"bad gateway\"}");

            rt.runUntilIdle();
            clock.moveTo(rt.dispatcher().nextAttempt().orElseThrow());
            rt.runUntilIdle();
            clock.moveTo(rt.dispatcher().nextAttempt().orElseThrow());
            rt.runUntilIdle();

            assertThat(Outbox.status(ts.store(), TENANT, m.key())).isEqualTo("sent");
            assertThat(provider.sent()).hasSize(1);
            assertThat(provider.requests())
                    .hasSize(3)
                    .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("pkg-1"));
            List<Map<String, Object>> log = Outbox.deliveries(ts.store(), TENANT, m.key());
            assertThat(log).extracting(l -> l.get("outcome")).containsExactly("failed", "failed", "sent");
            assertThat((String) log.get(0).get("reason")).contains("HTTP 502");
            assertThat((String) log.get(2).get("reason")).contains("2 segments, GSM-7");

            String providerId = new AcceptedSends(ts.store())
                    .find(TENANT, m.key())
                    .orElseThrow()
                    .providerId();
            Texts.Post delivered = Texts.status(providerId, "delivered", null, clock.instant());
            HttpAnswer answer = rt.messaging()
                    .deliveryStatuses()
                    .orElseThrow()
                    .handle(TENANT, delivered.headers(), delivered.body());

            assertThat(answer.status()).isEqualTo(200);
            assertThat(new AcceptedSends(ts.store())
                            .find(TENANT, m.key())
                            .orElseThrow()
                            .status())
                    .isEqualTo("delivered");
            assertThat(Outbox.deliveries(ts.store(), TENANT, m.key()))
                    .extracting(l -> l.get("outcome"))
                    .endsWith("delivered");
        }
    }

    @Test
    void a_client_error_through_the_dispatcher_is_a_dead_letter_that_says_why() throws Exception {
        ts = TestStore.open(Dialect.SQLITE, dir);
        try (ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                .channelSettings(Settings.smsOnly(provider.baseUrl()))
                .build()) {
            rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
            rt.directory()
                    .saveContact(
                            TENANT,
                            Residents.aResident("R-1")
                                    .textingForTransactional("+13035550101")
                                    .build(),
                            List.of());
            Outbox.aMessage("pkg-2").sms("Hi").transactional().queue(ts.store(), TENANT, NOON);
            provider.failNext(1, 403, "{\"message\":\"account suspended\"}");

            rt.runUntilIdle();

            assertThat(Outbox.status(ts.store(), TENANT, "pkg-2")).isEqualTo("dead");
            assertThat(rt.deadLetters().list(TENANT, 10))
                    .singleElement()
                    .satisfies(
                            d -> assertThat(d.lastError()).contains("HTTP 403").contains("account suspended"));
        }
    }

    @Test
    void a_permanent_failure_reported_later_suppresses_the_number_as_a_bounce() throws Exception {
        ts = TestStore.open(Dialect.SQLITE, dir);
        try (ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                .channelSettings(Settings.smsOnly(provider.baseUrl()))
                .build()) {
            rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
            rt.directory()
                    .saveContact(
                            TENANT,
                            Residents.aResident("R-1")
                                    .textingForTransactional("+13035550101")
                                    .build(),
                            List.of());
            Outbox.aMessage("pkg-3").sms("Hi").transactional().queue(ts.store(), TENANT, NOON);
            rt.runUntilIdle();
            String providerId = new AcceptedSends(ts.store())
                    .find(TENANT, "pkg-3")
                    .orElseThrow()
                    .providerId();

            Texts.Post landline = Texts.status(providerId, "undelivered", "30006", clock.instant());
            var statuses = rt.messaging().deliveryStatuses().orElseThrow();
            statuses.handle(TENANT, landline.headers(), landline.body());
            HttpAnswer again = statuses.handle(TENANT, landline.headers(), landline.body());
            Outbox.aMessage("pkg-4").sms("Hi again").transactional().queue(ts.store(), TENANT, NOON);
            rt.runUntilIdle();

            assertThat(again.body()).contains("duplicate");
            assertThat(Outbox.deliveries(ts.store(), TENANT, "pkg-3"))
                    .filteredOn(l -> "undelivered".equals(l.get("outcome")))
                    .singleElement()
                    .satisfies(l -> assertThat((String) l.get("reason")).contains("provider error 30006"));
            assertThat(Outbox.status(ts.store(), TENANT, "pkg-4")).isEqualTo("skipped");
            assertThat((String) Outbox.deliveries(ts.store(), TENANT, "pkg-4")
                            .get(0)
                            .get("reason"))
                    .contains("sms is suppressed")
                    .contains("bounce (provider error 30006 on pkg-3)");
        }
    }
}
