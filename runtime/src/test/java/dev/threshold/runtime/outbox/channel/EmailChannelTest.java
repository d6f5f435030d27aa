package dev.threshold.runtime.outbox.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Purpose;
import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.consent.Consents;
import dev.threshold.runtime.consent.UnsubscribeLinks;
import dev.threshold.runtime.inbound.HttpAnswer;
import dev.threshold.runtime.inbound.Unsubscribing;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Outbox;
import dev.threshold.runtime.support.Residents;
import dev.threshold.runtime.support.Settings;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Email goes out through a real SMTP server (GreenMail), and its unsubscribe link really unsubscribes. */
class EmailChannelTest {
    private static final String TENANT = "acme";
    private static final Instant NOON =
            ZonedDateTime.parse("2027-03-01T12:00:00-07:00[America/Denver]").toInstant();
    private static final Pattern LINK = Pattern.compile("<(https://threshold\\.example/unsubscribe/([^>]+))>");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(NOON);
    private TestStore ts;

    @AfterEach
    void close() {
        if (ts != null) {
            ts.close();
        }
    }

    private ChannelSettings.Email email() {
        return ChannelSettings.email(
                "127.0.0.1", SMTP.getSmtp().getPort(), ChannelSettings.Tls.NONE, "hello@acme-living.example");
    }

    private ThresholdRuntime runtime(Dialect dialect) {
        ts = TestStore.open(dialect, dir);
        ThresholdRuntime rt = ThresholdRuntime.builder(ts.store(), clock)
                .channelSettings(new ChannelSettings(
                        Optional.of(email()), Optional.empty(), Optional.empty(), Optional.of(Settings.unsubscribe())))
                .build();
        rt.directory().saveCommunity(TENANT, Residents.cedarRidge());
        rt.directory().saveContact(TENANT, Residents.aResident("R-1").build(), List.of());
        return rt;
    }

    private static MimeMessage only(MimeMessage[] received) {
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                return (String) alternative.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part in " + mail.getContentType());
    }

    @Test
    void a_marketing_email_is_text_and_html_with_one_click_unsubscribe_the_postal_address_and_the_key_as_message_id()
            throws Exception {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        Outbox.aMessage("spring:R-1:1:offer:1")
                .email("A spring offer", "Hi Dana,\n\nTwo months free on a 2-bed: https://cedar.example/spring")
                .marketing()
                .queue(ts.store(), TENANT, NOON);

        rt.runUntilIdle();

        MimeMessage mail = only(SMTP.getReceivedMessages());
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        assertThat(mail.getMessageID()).isEqualTo("<spring=3AR-1=3A1=3Aoffer=3A1@acme-living.example>");
        assertThat(mail.getHeader("X-Threshold-Message-Key", null)).isEqualTo("spring:R-1:1:offer:1");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Cedar Ridge <hello@acme-living.example>");
        assertThat(mail.getReplyTo()[0].toString()).isEqualTo("hello@cedar-ridge.example");
        assertThat(mail.getSubject()).isEqualTo("A spring offer");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = LINK.matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(link.matches()).isTrue();
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text)
                .contains("Two months free")
                .contains("Cedar Ridge, 100 Cedar Ridge Dr, Denver, CO 80202")
                .contains(link.group(1));
        assertThat(html)
                .contains("<a href=\"https://cedar.example/spring\">")
                .contains("100 Cedar Ridge Dr, Denver, CO 80202")
                .contains("<a href=\"" + link.group(1) + "\">Unsubscribe</a>");
        assertThat(Outbox.status(ts.store(), TENANT, "spring:R-1:1:offer:1")).isEqualTo("sent");
    }

    @Test
    void a_transactional_email_carries_no_unsubscribe() throws Exception {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        Outbox.aMessage("tour-1")
                .email("Your tour is confirmed", "See you Thursday at 4.")
                .transactional()
                .queue(ts.store(), TENANT, NOON);

        rt.runUntilIdle();

        MimeMessage mail = only(SMTP.getReceivedMessages());
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        assertThat(part(mail, "text/plain")).isEqualTo("See you Thursday at 4.");
    }

    @Test
    void a_message_to_staff_goes_to_the_communitys_office_address() throws Exception {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        Outbox.aMessage("wo-5531:staff")
                .toStaff("community-manager")
                .email("WO-5531 is overdue", "Please schedule it today.")
                .transactional()
                .queue(ts.store(), TENANT, NOON);

        rt.runUntilIdle();

        MimeMessage mail = only(SMTP.getReceivedMessages());
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("hello@cedar-ridge.example");
        assertThat((String) Outbox.deliveries(ts.store(), TENANT, "wo-5531:staff")
                        .get(0)
                        .get("reason"))
                .contains("to staff (community-manager)");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void the_unsubscribe_link_withdraws_marketing_consent_at_once_and_transactional_mail_still_goes(Dialect dialect)
            throws Exception {
        ThresholdRuntime rt = runtime(dialect);
        Outbox.aMessage("offer-1").email("Offer", "An offer").marketing().queue(ts.store(), TENANT, NOON);
        rt.runUntilIdle();
        Matcher link = LINK.matcher(only(SMTP.getReceivedMessages()).getHeader("List-Unsubscribe", null));
        assertThat(link.matches()).isTrue();
        String token = link.group(2);
        Unsubscribing unsubscribing = rt.messaging().unsubscribing().orElseThrow();

        HttpAnswer page = unsubscribing.page(token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("r-1@example.com").contains("method=\"post\"");
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .as("opening the link changes nothing")
                .isEmpty();

        clock.moveTo(NOON.plus(Duration.ofDays(45)));
        HttpAnswer done = unsubscribing.unsubscribe(token, "List-Unsubscribe=One-Click");
        Outbox.aMessage("offer-2").email("Offer", "Another").marketing().queue(ts.store(), TENANT, clock.instant());
        Outbox.aMessage("receipt-1")
                .email("Rent received", "Thank you")
                .transactional()
                .queue(ts.store(), TENANT, clock.instant());
        rt.runUntilIdle();

        assertThat(done.status()).isEqualTo(200);
        assertThat(rt.messaging().consents().history(TENANT, "R-1"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.change().channel()).isEqualTo(Channel.EMAIL);
                    assertThat(r.change().scope())
                            .isEqualTo(dev.threshold.engine.guardrail.ConsentChange.Scope.MARKETING);
                    assertThat(r.change().granted()).isFalse();
                    assertThat(r.change().source()).isEqualTo("one-click unsubscribe (RFC 8058)");
                    assertThat(r.change().at()).isEqualTo(clock.instant());
                });
        assertThat(Outbox.status(ts.store(), TENANT, "offer-2")).isEqualTo("skipped");
        assertThat((String)
                        Outbox.deliveries(ts.store(), TENANT, "offer-2").get(0).get("reason"))
                .contains("email has no marketing consent")
                .contains("unsubscribe of marketing (one-click unsubscribe (RFC 8058))");
        assertThat(Outbox.status(ts.store(), TENANT, "receipt-1")).isEqualTo("sent");
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        int heard = ts.store()
                .read(h -> h.createQuery("SELECT COUNT(*) FROM event_log WHERE tenant_id = :t"
                                + " AND type = 'consent.changed' AND contact_id = 'R-1'")
                        .bind("t", TENANT)
                        .mapTo(Integer.class)
                        .one());
        assertThat(heard).as("journeys hear it").isEqualTo(1);
    }

    @Test
    void a_link_works_for_its_whole_validity_survives_a_secret_rotation_and_is_refused_once_expired_or_altered() {
        UnsubscribeLinks old = new UnsubscribeLinks(Settings.unsubscribe());
        String token = old.token(TENANT, Optional.of("R-1"), "dana@example.com", NOON);
        ChannelSettings.Unsubscribe rotated = new ChannelSettings.Unsubscribe(
                Settings.unsubscribe().baseUrl(),
                new Secret("a-new-unsubscribe-secret-0000002"),
                List.of(Settings.UNSUBSCRIBE_SECRET),
                Duration.ofDays(365));
        UnsubscribeLinks now = new UnsubscribeLinks(rotated);

        assertThat(now.verify(token, NOON.plus(Duration.ofDays(30))))
                .isEqualTo(new UnsubscribeLinks.Valid(TENANT, Optional.of("R-1"), "dana@example.com", NOON));
        assertThat(now.verify(token, NOON.plus(Duration.ofDays(366))))
                .isInstanceOfSatisfying(
                        UnsubscribeLinks.Invalid.class, i -> assertThat(i.why()).contains("expired 365 days"));
        String altered = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        assertThat(now.verify(altered, NOON)).isInstanceOf(UnsubscribeLinks.Invalid.class);
        assertThat(new UnsubscribeLinks(new ChannelSettings.Unsubscribe(
                                rotated.baseUrl(), rotated.secret(), List.of(), rotated.validity()))
                        .verify(token, NOON))
                .as("without the previous secret")
                .isInstanceOf(UnsubscribeLinks.Invalid.class);
    }

    @Test
    void an_altered_link_is_refused_with_a_page_that_says_what_to_do_and_nothing_is_recorded() {
        ThresholdRuntime rt = runtime(Dialect.SQLITE);
        Unsubscribing unsubscribing = rt.messaging().unsubscribing().orElseThrow();

        HttpAnswer answer = unsubscribing.unsubscribe("eyJ0IjoiYWNtZSJ9.bm90LWEtc2lnbmF0dXJl", "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("signature does not match").contains("Reply to the email");
        assertThat(new Consents(ts.store()).history(TENANT, "R-1")).isEmpty();
    }

    @Test
    void a_key_the_server_accepted_is_not_sent_again() {
        runtime(Dialect.SQLITE);
        EmailChannel channel = new EmailChannel(
                email(), new UnsubscribeLinks(Settings.unsubscribe()), new AcceptedSends(ts.store()), clock);
        OutboundMessage m = message("dup-1", "r-1@example.com", Purpose.TRANSACTIONAL, Residents.cedarRidge());

        DeliveryResult first = channel.send(m);
        DeliveryResult second = channel.send(m);

        assertThat(first).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(second).isInstanceOf(DeliveryResult.AlreadyDelivered.class);
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a_marketing_email_without_a_postal_address_is_refused_and_a_bad_address_too() {
        runtime(Dialect.SQLITE);
        EmailChannel channel = new EmailChannel(
                email(), new UnsubscribeLinks(Settings.unsubscribe()), new AcceptedSends(ts.store()), clock);

        DeliveryResult noPostal = channel.send(message(
                "m-1", "r-1@example.com", Purpose.MARKETING, CommunityView.minimal("riverside", Residents.DENVER)));
        DeliveryResult badAddress =
                channel.send(message("m-2", "not an address", Purpose.TRANSACTIONAL, Residents.cedarRidge()));

        assertThat(noPostal)
                .isInstanceOfSatisfying(
                        DeliveryResult.Refused.class,
                        r -> assertThat(r.reason())
                                .contains("needs a postal address")
                                .contains("riverside"));
        assertThat(badAddress).isInstanceOf(DeliveryResult.Refused.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void an_smtp_server_that_cannot_be_reached_is_tried_again_later() {
        runtime(Dialect.SQLITE);
        ChannelSettings.Email nowhere = ChannelSettings.email("127.0.0.1", 9, ChannelSettings.Tls.NONE, "a@b.example");
        EmailChannel channel = new EmailChannel(
                nowhere, new UnsubscribeLinks(Settings.unsubscribe()), new AcceptedSends(ts.store()), clock);

        DeliveryResult r =
                channel.send(message("m-3", "r-1@example.com", Purpose.TRANSACTIONAL, Residents.cedarRidge()));

        assertThat(r)
                .isInstanceOfSatisfying(
                        DeliveryResult.Retry.class,
                        x -> assertThat(x.reason()).contains("cannot send through 127.0.0.1:9"));
    }

    private static OutboundMessage message(String key, String to, Purpose purpose, CommunityView community) {
        return new OutboundMessage(
                TENANT,
                key,
                Channel.EMAIL,
                to,
                Optional.of("Hello"),
                "Body",
                purpose,
                "j",
                "s",
                Optional.of("R-1"),
                Optional.of(community));
    }
}
