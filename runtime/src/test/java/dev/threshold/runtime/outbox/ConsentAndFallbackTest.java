package dev.threshold.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.guardrail.ConsentChange;
import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.portal.PortalNotifications;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Consent per channel and purpose, recorded with its source, and the fallback a step's channels give. */
class ConsentAndFallbackTest {
    private static final String TENANT = "acme";
    private static final Instant NOON =
            ZonedDateTime.parse("2027-03-01T12:00:00-07:00[America/Denver]").toInstant();

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(NOON);
    private final RecordingChannel texts = new RecordingChannel(Set.of(Channel.SMS, Channel.EMAIL));
    private TestStore ts;

    @AfterEach
    void close() {
        ts.close();
    }

    /** Texts and email are recorded; the portal is the real portal channel. */
    private ThresholdRuntime runtime(Dialect dialect) {
        ts = TestStore.open(dialect, dir);
        ThresholdRuntime rt =
                ThresholdRuntime.builder(ts.store(), clock).channel(texts).build();
        rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
        return rt;
    }

    private String reason(String key) {
        List<java.util.Map<String, Object>> log = Outbox.deliveries(ts.store(), TENANT, key);
        return (String) log.get(log.size() - 1).get("reason");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_text_without_consent_falls_back_to_email_and_without_email_to_the_portal_each_saying_why(Dialect dialect) {
        ThresholdRuntime rt = runtime(dialect);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-1")
                                .withPhoneButNoConsentToText("+13035550101")
                                .build(),
                        List.of());
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-2")
                                .withoutEmail()
                                .withPhoneButNoConsentToText("+13035550102")
                                .withPortal("portal-R-2")
                                .build(),
                        List.of());
        for (String who : List.of("R-1", "R-2")) {
            Outbox.aMessage("wo-" + who)
                    .to(who)
                    .sms("Your repair is booked for Tuesday")
                    .email("Your repair", "Your repair is booked for Tuesday")
                    .portal("Your repair", "Your repair is booked for Tuesday")
                    .transactional()
                    .queue(ts.store(), TENANT, NOON);
        }

        rt.runUntilIdle();

        assertThat(texts.delivered().get("wo-R-1").channel()).isEqualTo(Channel.EMAIL);
        assertThat(reason("wo-R-1")).contains("sent on email").contains("fallback: sms has no transactional consent");
        assertThat(texts.delivered()).doesNotContainKey("wo-R-2");
        assertThat(reason("wo-R-2"))
                .contains("sent on portal")
                .contains("sms has no transactional consent")
                .contains("no email address");
        PortalNotifications portal = rt.messaging().portal();
        assertThat(portal.list(TENANT, "R-2", true, 10)).singleElement().satisfies(n -> {
            assertThat(n.key()).isEqualTo("wo-R-2");
            assertThat(n.subject()).contains("Your repair");
            assertThat(n.community()).contains("cedar-ridge");
            assertThat(n.readAt()).isEmpty();
        });
    }

    @Test
    void the_portal_lists_a_contacts_notifications_newest_first_once_each_and_marks_them_read() {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-2").withPortal("portal-R-2").build(),
                        List.of());
        Outbox.aMessage("n-1")
                .to("R-2")
                .portal("Pool opens", "Saturday")
                .transactional()
                .queue(ts.store(), TENANT, NOON);
        rt.runUntilIdle();
        clock.moveTo(NOON.plus(Duration.ofHours(1)));
        Outbox.aMessage("n-2")
                .to("R-2")
                .portal("Water off", "Tuesday 9-11")
                .transactional()
                .queue(ts.store(), TENANT, clock.instant());
        rt.runUntilIdle();
        PortalNotifications portal = rt.messaging().portal();

        assertThat(portal.list(TENANT, "R-2", false, 10))
                .extracting(PortalNotifications.Notification::key)
                .containsExactly("n-2", "n-1");
        assertThat(portal.unread(TENANT, "R-2")).isEqualTo(2);
        assertThat(portal.markRead(TENANT, "R-2", "n-1")).isTrue();
        assertThat(portal.markRead(TENANT, "R-9", "n-2")).as("not theirs").isFalse();
        assertThat(portal.list(TENANT, "R-2", true, 10))
                .extracting(PortalNotifications.Notification::key)
                .containsExactly("n-2");
        assertThat(portal.markAllRead(TENANT, "R-2")).isEqualTo(1);
        assertThat(portal.unread(TENANT, "R-2")).isZero();
        assertThat(new dev.threshold.runtime.outbox.channel.PortalChannel(ts.store(), clock)
                        .send(new dev.threshold.runtime.outbox.channel.OutboundMessage(
                                TENANT,
                                "n-1",
                                Channel.PORTAL,
                                "portal-R-2",
                                Optional.empty(),
                                "again",
                                dev.threshold.engine.journey.Purpose.TRANSACTIONAL,
                                "j",
                                "s",
                                Optional.of("R-2"),
                                Optional.empty())))
                .as("a key shown once is never shown twice")
                .isInstanceOf(dev.threshold.runtime.outbox.channel.DeliveryResult.AlreadyDelivered.class);
        assertThat(portal.list(TENANT, "R-2", false, 10)).hasSize(2);
    }

    @Test
    void a_marketing_text_waits_for_express_consent_which_is_recorded_with_its_source_and_time() {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-1")
                                .textingForTransactional("+13035550101")
                                .build(),
                        List.of());
        Outbox.aMessage("offer-1").sms("2 months free").marketing().queue(ts.store(), TENANT, NOON);
        rt.runUntilIdle();
        assertThat(Outbox.status(ts.store(), TENANT, "offer-1")).isEqualTo("skipped");
        assertThat(reason("offer-1")).contains("sms has no marketing consent");

        ConsentChange ticked = new ConsentChange(
                Channel.SMS,
                "+13035550101",
                ConsentChange.Scope.MARKETING,
                true,
                ConsentChange.Reason.CONSENT,
                "web form: 'Text me offers' ticked on cedar-ridge.example/apply",
                NOON.plus(Duration.ofMinutes(5)));
        rt.messaging().consents().record(TENANT, Optional.of("R-1"), ticked);
        clock.moveTo(NOON.plus(Duration.ofMinutes(10)));
        Outbox.aMessage("offer-2").sms("2 months free").marketing().queue(ts.store(), TENANT, clock.instant());
        rt.runUntilIdle();

        assertThat(Outbox.status(ts.store(), TENANT, "offer-2")).isEqualTo("sent");
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .singleElement()
                .satisfies(r -> assertThat(r.change()).isEqualTo(ticked));
    }

    @Test
    void consent_an_integrator_reports_as_an_event_is_honoured_by_the_dispatcher_too() {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        rt.directory()
                .saveContact(
                        TENANT,
                        Residents.aResident("R-1")
                                .textingForTransactional("+13035550101")
                                .build(),
                        List.of());
        rt.ingest().ingest(TENANT, consentChanged("c-1", "marketing", true, "PMS: portal opt-in to offers"));
        Outbox.aMessage("offer-1").sms("2 months free").marketing().queue(ts.store(), TENANT, NOON);
        rt.runUntilIdle();
        clock.moveTo(NOON.plus(Duration.ofMinutes(1)));
        rt.ingest().ingest(TENANT, consentChanged("c-2", "all", false, "PMS: do not text"));
        Outbox.aMessage("reminder-1").sms("Rent is due").transactional().queue(ts.store(), TENANT, clock.instant());
        rt.runUntilIdle();

        assertThat(Outbox.status(ts.store(), TENANT, "offer-1")).isEqualTo("sent");
        assertThat(Outbox.status(ts.store(), TENANT, "reminder-1")).isEqualTo("skipped");
        assertThat(reason("reminder-1")).contains("withdrawal (PMS: do not text)");
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .extracting(r -> r.change().source())
                .containsExactly("PMS: portal opt-in to offers", "PMS: do not text");
    }

    private com.fasterxml.jackson.databind.JsonNode consentChanged(
            String id, String purpose, boolean granted, String source) {
        var e = dev.threshold.engine.core.StateJson.mapper().createObjectNode();
        e.put("id", id);
        e.put("type", "consent.changed");
        e.put("occurred_at", clock.instant().toString());
        e.putObject("contact").put("id", "R-1");
        e.putObject("data")
                .put("channel", "sms")
                .put("purpose", purpose)
                .put("granted", granted)
                .put("source", source);
        return e;
    }

    @Test
    void a_bounce_stops_all_email_and_a_complaint_stops_marketing_email_only() {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        rt.directory().saveContact(TENANT, Residents.aResident("R-1").build(), List.of());
        rt.directory().saveContact(TENANT, Residents.aResident("R-2").build(), List.of());
        rt.messaging()
                .consents()
                .record(
                        TENANT,
                        Optional.of("R-1"),
                        new ConsentChange(
                                Channel.EMAIL,
                                "r-1@example.com",
                                ConsentChange.Scope.ALL,
                                false,
                                ConsentChange.Reason.BOUNCE,
                                "hard bounce: 550 5.1.1 no such user",
                                NOON));
        rt.messaging()
                .consents()
                .record(
                        TENANT,
                        Optional.empty(),
                        new ConsentChange(
                                Channel.EMAIL,
                                "R-2@Example.com",
                                ConsentChange.Scope.MARKETING,
                                false,
                                ConsentChange.Reason.COMPLAINT,
                                "marked as spam (feedback loop)",
                                NOON));
        for (String who : List.of("R-1", "R-2")) {
            Outbox.aMessage("lease-" + who)
                    .to(who)
                    .email("Your lease", "Signed")
                    .transactional()
                    .queue(ts.store(), TENANT, NOON);
            Outbox.aMessage("offer-" + who)
                    .to(who)
                    .email("Offer", "Spring")
                    .marketing()
                    .queue(ts.store(), TENANT, NOON);
        }

        rt.runUntilIdle();

        assertThat(Outbox.status(ts.store(), TENANT, "lease-R-1")).isEqualTo("skipped");
        assertThat(reason("lease-R-1")).contains("email is suppressed").contains("hard bounce: 550 5.1.1");
        assertThat(Outbox.status(ts.store(), TENANT, "offer-R-1")).isEqualTo("skipped");
        assertThat(Outbox.status(ts.store(), TENANT, "lease-R-2")).isEqualTo("sent");
        assertThat(Outbox.status(ts.store(), TENANT, "offer-R-2")).isEqualTo("skipped");
        assertThat(reason("offer-R-2")).contains("complaint of marketing (marked as spam (feedback loop))");
    }

    @Test
    void within_a_frequency_cap_the_journey_with_the_higher_priority_goes_first_and_the_other_waits() {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        rt.directory().saveContact(TENANT, Residents.aResident("R-1").build(), List.of());
        for (int i = 1; i <= 4; i++) {
            Outbox.aMessage("earlier-" + i)
                    .email("Earlier " + i, "An earlier offer")
                    .marketing()
                    .queue(ts.store(), TENANT, NOON.minus(Duration.ofDays(i)));
        }
        clock.moveTo(NOON.minus(Duration.ofDays(4)));
        for (int i = 4; i >= 1; i--) {
            clock.moveTo(NOON.minus(Duration.ofDays(i)));
            rt.runUntilIdle();
        }
        clock.moveTo(NOON);
        Outbox.aMessage("newsletter")
                .journey("newsletter")
                .email("News", "March")
                .marketing()
                .priority(20)
                .queue(ts.store(), TENANT, NOON);
        Outbox.aMessage("renewal-offer")
                .journey("renewal")
                .email("Renew", "Your offer")
                .marketing()
                .priority(90)
                .queue(ts.store(), TENANT, NOON);

        rt.runUntilIdle();

        assertThat(Outbox.status(ts.store(), TENANT, "renewal-offer")).isEqualTo("sent");
        assertThat(Outbox.status(ts.store(), TENANT, "newsletter")).isEqualTo("pending");
        assertThat(reason("newsletter")).contains("frequency cap: 5 marketing email per 7 days reached");
        clock.moveTo(rt.dispatcher().nextAttempt().orElseThrow());
        rt.runUntilIdle();
        assertThat(Outbox.status(ts.store(), TENANT, "newsletter")).isEqualTo("sent");
    }
}
