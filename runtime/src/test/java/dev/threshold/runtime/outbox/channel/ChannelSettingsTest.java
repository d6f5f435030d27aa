package dev.threshold.runtime.outbox.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.runtime.ThresholdRuntime;
import dev.threshold.runtime.store.Dialect;
import dev.threshold.runtime.support.Settings;
import dev.threshold.runtime.support.TestStore;
import dev.threshold.runtime.time.SettableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelSettingsTest {
    @TempDir
    Path dir;

    private static ChannelSettings.Email goodEmail() {
        return ChannelSettings.email("smtp.example.com", 587, ChannelSettings.Tls.STARTTLS, "hello@acme.example");
    }

    @Test
    void settings_for_every_channel_are_valid_as_documented() {
        ChannelSettings s = new ChannelSettings(
                Optional.of(goodEmail()),
                Optional.of(Settings.sms(URI.create("https://sms.example.com/v1"))),
                Optional.of(new ChannelSettings.Webhooks(Settings.WEBHOOK_SECRET, Duration.ofSeconds(10))),
                Optional.of(Settings.unsubscribe()));

        assertThat(s.problems()).isEmpty();
        assertThat(s.requireValid()).isSameAs(s);
    }

    @Test
    void every_problem_is_reported_at_once_each_with_where_it_is() {
        ChannelSettings.Email email = new ChannelSettings.Email(
                "",
                70000,
                Optional.of("threshold"),
                Optional.of(new Secret("hunter2-hunter2-hunter2")),
                ChannelSettings.Tls.NONE,
                "not-an-address",
                "acme",
                Optional.empty(),
                Duration.ZERO);
        ChannelSettings.SmsAccount cedar =
                new ChannelSettings.SmsAccount(URI.create("ftp://sms.example.com"), "", new Secret(""), "303-555-0100");
        ChannelSettings.Sms sms = new ChannelSettings.Sms(
                Optional.empty(),
                Map.of("cedar-ridge", cedar),
                "accounts/{account}/messages",
                new Secret("short"),
                Duration.ofMinutes(5),
                Duration.ofSeconds(10),
                40,
                Set.of(),
                Optional.of("ftp://x"));
        ChannelSettings.Unsubscribe unsubscribe = new ChannelSettings.Unsubscribe(
                URI.create("https://threshold.example"), Settings.UNSUBSCRIBE_SECRET, List.of(), Duration.ofDays(7));

        List<String> problems = new ChannelSettings(
                        Optional.of(email), Optional.of(sms), Optional.empty(), Optional.of(unsubscribe))
                .problems();

        assertThat(problems)
                .containsExactly(
                        "channels.email.host: required (the SMTP server's name)",
                        "channels.email.port: 70000 is not a port (1-65535)",
                        "channels.email.tls: a password must not cross the network in clear; use starttls or smtps",
                        "channels.email.from_address: 'not-an-address' is not an email address",
                        "channels.email.message_id_domain: 'acme' is not a domain name",
                        "channels.email.timeout: PT0S must be a positive duration",
                        "channels.sms.communities.cedar-ridge.base_url: 'ftp://sms.example.com' is not an http(s) URL",
                        "channels.sms.communities.cedar-ridge.account: required",
                        "channels.sms.communities.cedar-ridge.token: required",
                        "channels.sms.communities.cedar-ridge.from_number: '303-555-0100' is not an E.164 number"
                                + " (+ and 8 to 15 digits)",
                        "channels.sms.messages_path: 'accounts/{account}/messages' must start with /",
                        "channels.sms.webhook_secret: needs at least 16 bytes",
                        "channels.sms.max_segments: 40 is outside 1-20",
                        "channels.sms.status_callback_url: 'ftp://x' is not an http(s) URL",
                        "channels.unsubscribe.validity: PT168H is too short; links must work for at least 30 days");
    }

    @Test
    void email_without_unsubscribe_links_is_refused_because_marketing_mail_would_carry_none() {
        ChannelSettings s =
                new ChannelSettings(Optional.of(goodEmail()), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(s.problems())
                .containsExactly(
                        "channels.unsubscribe: required with email, or marketing emails would carry no unsubscribe link");
    }

    @Test
    void a_runtime_with_bad_settings_is_not_built_and_the_error_shows_no_secret() {
        ChannelSettings.Email leaky = new ChannelSettings.Email(
                "smtp.example.com",
                25,
                Optional.of("threshold"),
                Optional.of(new Secret("the-real-smtp-password")),
                ChannelSettings.Tls.NONE,
                "hello@acme.example",
                "acme.example",
                Optional.empty(),
                Duration.ofSeconds(30));
        ChannelSettings s = new ChannelSettings(
                Optional.of(leaky), Optional.empty(), Optional.empty(), Optional.of(Settings.unsubscribe()));

        try (TestStore ts = TestStore.open(Dialect.SQLITE, dir)) {
            assertThatThrownBy(() -> ThresholdRuntime.builder(ts.store(), new SettableClock(Instant.EPOCH))
                            .channelSettings(s)
                            .build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 problem(s)")
                    .hasMessageContaining("channels.email.tls")
                    .satisfies(e -> assertThat(e.getMessage() + s).doesNotContain("the-real-smtp-password"));
        }
    }
}
