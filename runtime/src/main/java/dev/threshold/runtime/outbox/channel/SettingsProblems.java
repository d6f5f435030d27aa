package dev.threshold.runtime.outbox.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What is wrong with channel settings: every problem, each with its path, as {@link ChannelSettings#problems}. */
final class SettingsProblems {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private SettingsProblems() {}

    static List<String> of(ChannelSettings s) {
        List<String> p = new ArrayList<>();
        s.email().ifPresent(e -> checkEmail(e, p));
        s.sms().ifPresent(x -> checkSms(x, p));
        s.webhooks().ifPresent(w -> {
            secret("channels.webhooks.secret", w.secret(), p);
            positive("channels.webhooks.timeout", w.timeout(), p);
        });
        s.unsubscribe().ifPresent(u -> checkUnsubscribe(u, p));
        if (s.email().isPresent() && s.unsubscribe().isEmpty()) {
            p.add("channels.unsubscribe: required with email, or marketing emails would carry no unsubscribe link");
        }
        return p;
    }

    private static void checkEmail(ChannelSettings.Email e, List<String> p) {
        String at = "channels.email";
        if (e.host() == null || e.host().isBlank()) {
            p.add(at + ".host: required (the SMTP server's name)");
        }
        if (e.port() < 1 || e.port() > 65535) {
            p.add(at + ".port: " + e.port() + " is not a port (1-65535)");
        }
        if (e.user().isPresent() != e.password().isPresent()) {
            p.add(at + ": user and password go together; give both or neither");
        }
        if (e.tls() == ChannelSettings.Tls.NONE && e.password().isPresent()) {
            p.add(at + ".tls: a password must not cross the network in clear; use starttls or smtps");
        }
        if (e.fromAddress() == null || !EMAIL.matcher(e.fromAddress()).matches()) {
            p.add(at + ".from_address: '" + e.fromAddress() + "' is not an email address");
        }
        if (e.messageIdDomain() == null || !e.messageIdDomain().matches("[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
            p.add(at + ".message_id_domain: '" + e.messageIdDomain() + "' is not a domain name");
        }
        positive(at + ".timeout", e.timeout(), p);
    }

    private static void checkSms(ChannelSettings.Sms s, List<String> p) {
        String at = "channels.sms";
        if (s.provider().isEmpty() && s.communities().isEmpty()) {
            p.add(at + ": give a provider account, or one per community");
        }
        s.provider().ifPresent(a -> checkAccount(at + ".provider", a, p));
        s.communities().forEach((id, a) -> checkAccount(at + ".communities." + id, a, p));
        if (s.messagesPath() == null || !s.messagesPath().startsWith("/")) {
            p.add(at + ".messages_path: '" + s.messagesPath() + "' must start with /");
        }
        secret(at + ".webhook_secret", s.webhookSecret(), p);
        positive(at + ".signature_tolerance", s.signatureTolerance(), p);
        positive(at + ".timeout", s.timeout(), p);
        if (s.maxSegments() < 1 || s.maxSegments() > 20) {
            p.add(at + ".max_segments: " + s.maxSegments() + " is outside 1-20");
        }
        s.statusCallbackUrl().ifPresent(u -> {
            if (!u.startsWith("https://") && !u.startsWith("http://")) {
                p.add(at + ".status_callback_url: '" + u + "' is not an http(s) URL");
            }
        });
    }

    private static void checkAccount(String at, ChannelSettings.SmsAccount a, List<String> p) {
        if (a.baseUrl() == null
                || a.baseUrl().getScheme() == null
                || !List.of("http", "https").contains(a.baseUrl().getScheme().toLowerCase(Locale.ROOT))) {
            p.add(at + ".base_url: '" + a.baseUrl() + "' is not an http(s) URL");
        }
        if (a.account() == null || a.account().isBlank()) {
            p.add(at + ".account: required");
        }
        if (a.token() == null || a.token().value().isBlank()) {
            p.add(at + ".token: required");
        }
        if (a.fromNumber() == null || !E164.matcher(a.fromNumber()).matches()) {
            p.add(at + ".from_number: '" + a.fromNumber() + "' is not an E.164 number (+ and 8 to 15 digits)");
        }
    }

    private static void checkUnsubscribe(ChannelSettings.Unsubscribe u, List<String> p) {
        String at = "channels.unsubscribe";
        if (u.baseUrl() == null
                || !"https".equalsIgnoreCase(u.baseUrl().getScheme())
                        && !"http".equalsIgnoreCase(u.baseUrl().getScheme())) {
            p.add(at + ".base_url: '" + u.baseUrl() + "' is not an http(s) URL");
        }
        secret(at + ".secret", u.secret(), p);
        for (int i = 0; i < u.previousSecrets().size(); i++) {
            secret(at + ".previous_secrets[" + i + "]", u.previousSecrets().get(i), p);
        }
        if (u.validity() == null || u.validity().compareTo(ChannelSettings.MINIMUM_LINK_VALIDITY) < 0) {
            p.add(at + ".validity: " + u.validity() + " is too short; links must work for at least 30 days");
        }
    }

    private static void secret(String at, Secret s, List<String> p) {
        if (s == null || s.bytes().length < 16) {
            p.add(at + ": needs at least 16 bytes");
        }
    }

    private static void positive(String at, Duration d, List<String> p) {
        if (d == null || d.isNegative() || d.isZero()) {
            p.add(at + ": " + d + " must be a positive duration");
        }
    }
}
