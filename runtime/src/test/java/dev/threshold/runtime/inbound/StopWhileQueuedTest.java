package dev.threshold.runtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.journey.Channel;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.contact.Identity;
import dev.threshold.runtime.outbox.channel.RecordingChannel;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Library;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.Settings;
import dev.threshold.runtime.support.SmsProviderServer;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.support.Texts;
import dev.threshold.runtime.time.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A journey's text waits in the outbox for the morning; the resident texts STOP in the night. In the morning the
 * text does not go: the journey's step falls back to email, and a marketing text that waited is skipped, each
 * with the STOP as its reason. Real journey, real webhook, real SMS provider, on both stores.
 */
class StopWhileQueuedTest {
    private static final String TENANT = "acme";
    private static final String DANA = "+13035550103";
    private static final ZonedDateTime NIGHT = ZonedDateTime.parse("2027-03-01T22:30:00-07:00[America/Denver]");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void a_stop_received_while_a_text_waits_in_the_outbox_stops_that_text(Dialect dialect) throws Exception {
        SettableClock clock = new SettableClock(NIGHT.toInstant());
        RecordingChannel email = new RecordingChannel(Set.of(Channel.EMAIL));
        try (SmsProviderServer provider = SmsProviderServer.start();
                TestStore ts = TestStore.open(dialect, dir);
                ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                        .actions(Library.actions())
                        .channel(email)
                        .channelSettings(Settings.smsOnly(provider.baseUrl()))
                        .build()) {
            rt.journeys().publishAll(TENANT, Library.fixtureFolder());
            rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
            rt.directory()
                    .saveContact(
                            TENANT,
                            Residents.aResident("R-3").textingForMarketing(DANA).build(),
                            List.of(Identity.phone(DANA, true)));
            // given a detractor's apology (sms, else email) and an offer (sms only), both held by quiet hours
            rt.ingest().ingest(TENANT, Residents.rating("evt-3", "R-3", 4, NIGHT.toInstant()));
            Outbox.aMessage("offer-1")
                    .to("R-3")
                    .sms("Two months free on a 2-bed this spring")
                    .marketing()
                    .queue(ts.store(), TENANT, NIGHT.toInstant());
            rt.runUntilIdle();
            String apology = "nps-feedback-follow-up:R-3:R-3:1:detractor-sorry:1";
            assertThat(Outbox.status(ts.store(), TENANT, apology)).isEqualTo("pending");
            assertThat(Outbox.status(ts.store(), TENANT, "offer-1")).isEqualTo("pending");

            // when the resident texts STOP at 23:00
            clock.moveTo(NIGHT.plusMinutes(30).toInstant());
            Texts.Post stop = Texts.inbound("SM-stop", DANA, Settings.CEDAR_NUMBER, "STOP", clock.instant());
            assertThat(rt.messaging()
                            .texts()
                            .orElseThrow()
                            .handle(TENANT, stop.headers(), stop.body())
                            .status())
                    .isEqualTo(200);
            rt.runUntilIdle();
            // and the morning comes
            Instant eight = NIGHT.plusDays(1).withHour(8).withMinute(0).toInstant();
            clock.moveTo(eight);
            rt.runUntilIdle();

            // then no text but the confirmation reached the phone
            assertThat(provider.sent())
                    .extracting(t -> t.get("Body"))
                    .singleElement()
                    .satisfies(b -> assertThat(b).contains("unsubscribed from Cedar Ridge texts"));
            assertThat(Outbox.status(ts.store(), TENANT, apology)).isEqualTo("sent");
            Map<String, Object> sent = last(Outbox.deliveries(ts.store(), TENANT, apology));
            assertThat(sent).containsEntry("outcome", "sent").containsEntry("channel", "email");
            assertThat((String) sent.get("reason")).contains("fallback: sms is suppressed");
            assertThat(email.delivered()).containsKey(apology);
            assertThat(Outbox.status(ts.store(), TENANT, "offer-1")).isEqualTo("skipped");
            assertThat((String) last(Outbox.deliveries(ts.store(), TENANT, "offer-1"))
                            .get("reason"))
                    .contains("sms is suppressed")
                    .contains("opt-out (sms keyword STOP)");
        }
    }

    private static Map<String, Object> last(List<Map<String, Object>> log) {
        return log.get(log.size() - 1);
    }
}
